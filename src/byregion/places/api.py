"""Municipalities and counties over time, for the open API (`byregion.api`)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from byregion.core.addresses import absolute
from byregion.core.api.errors import ParameterError
from byregion.core.api.pagination import Cursor
from byregion.core.api.params import parse_date

from .models import Place, PlaceKind
from .timeline import Timeline, UnknownPlace, places_on

router = Router()

AS_OF = "The date the answer holds for, YYYY-MM-DD (Europe/Oslo). Default: today."


class PlaceRef(Schema):
    code: str
    name: str


class PlaceOut(Schema):
    """One version of a unit. `valid_to` is the first day it is no longer valid."""

    code: str
    name: str
    names: dict[str, str]
    valid_from: dt.date
    valid_to: dt.date | None
    county: PlaceRef | None = None

    # Lists are paginated querysets of Place rows, other answers dicts made by `_out`.
    @staticmethod
    def resolve_name(obj) -> str:
        return obj["name"] if isinstance(obj, dict) else obj.name_in("nb")

    @staticmethod
    def resolve_county(obj) -> dict | None:
        if isinstance(obj, dict):
            return obj.get("county")
        return _out(obj).get("county")


def _out(place: Place) -> dict:
    data = {
        "code": place.code,
        "name": place.name_in("nb"),
        "names": place.names,
        "valid_from": place.valid_from,
        "valid_to": place.valid_to,
    }
    if place.kind == PlaceKind.MUNICIPALITY and place.parent_id:
        data["county"] = {"code": place.parent.code, "name": place.parent.name_in("nb")}
    return data


class ListFilters(Schema):
    as_of: str | None = None
    county: str | None = None


@router.get(
    "/municipalities",
    response=list[PlaceOut],
    summary="Municipalities on a date",
    description=f"{AS_OF} `county` filters by county code valid on that date.",
)
@paginate(Cursor, ordering=("code", "pk"))
def municipalities(request, filters: Query[ListFilters]):
    date = parse_date(filters.as_of, "as_of")
    queryset = places_on(date)
    if filters.county:
        queryset = queryset.filter(parent__code=filters.county)
    return queryset


class AsOf(Schema):
    as_of: str | None = None


@router.get("/counties", response=list[PlaceOut], summary="Counties on a date", description=AS_OF)
def counties(request, filters: Query[AsOf]):
    date = parse_date(filters.as_of, "as_of")
    return [_out(place) for place in places_on(date, PlaceKind.COUNTY)]


class ChangeOut(Schema):
    date: dt.date
    kind: str
    description: str
    old: PlaceRef | None
    new: PlaceRef | None


class VersionOut(PlaceOut):
    changes: list[ChangeOut]
    today: list[PlaceRef]  # the municipalities this version corresponds to today


class HistoryOut(Schema):
    code: str
    url: str
    versions: list[VersionOut]


def _ref(place: Place | None) -> dict | None:
    return {"code": place.code, "name": place.name_in("nb")} if place else None


@router.get(
    "/municipalities/{code}",
    response=HistoryOut,
    summary="Every version of a municipality code",
    description="Each version the code has had, the changes that ended or began it (in "
    "words, in the request's language), and what it corresponds to today.",
)
def municipality(request, code: str):
    timeline = Timeline.load(PlaceKind.MUNICIPALITY)
    versions = sorted(timeline.by_code.get(code, ()), key=lambda v: v.valid_from)
    if not versions:
        raise ParameterError(
            "code",
            _("No municipality has had code %(code)s.") % {"code": code},
            status=404,
            where="path",
        )
    today = timezone.localdate()
    out = []
    for version in versions:
        changes = [
            {
                "date": change.date,
                "kind": change.kind,
                "description": timeline.describe(change),
                "old": _ref(timeline.places.get(change.old_id)),
                "new": _ref(timeline.places.get(change.new_id)),
            }
            for change in timeline.changes_of(version)
        ]
        now = (
            [version]
            if version.is_valid_on(today)
            else timeline.map(code, version.valid_from, today)
        )
        out.append({**_out(version), "changes": changes, "today": [_ref(p) for p in now]})
    return {
        "code": code,
        "url": absolute(reverse("places:municipality", args=[code])),
        "versions": out,
    }


class MapFilters(Schema):
    at: str | None = None
    to: str | None = None


class MapOut(Schema):
    code: str
    at: dt.date
    to: dt.date
    places: list[PlaceOut]


@router.get(
    "/municipalities/{code}/map",
    response=MapOut,
    summary="What a code valid on one date corresponds to on another",
    description="Follows mergers, splits and renumberings forwards or backwards. `at` and "
    "`to` are YYYY-MM-DD; both default to today. An empty list means the municipality had "
    "ceased, or did not yet exist, on `to`.",
)
def map_municipality(request, code: str, filters: Query[MapFilters]):
    at = parse_date(filters.at, "at")
    to = parse_date(filters.to, "to")
    try:
        found = Timeline.load(PlaceKind.MUNICIPALITY).map(code, at, to)
    except UnknownPlace as error:
        raise ParameterError("code", str(error), status=404, where="path") from None
    return {"code": code, "at": at, "to": to, "places": [_out(p) for p in found]}
