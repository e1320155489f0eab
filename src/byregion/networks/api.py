"""Programmes, regions over time, councils and meetings, for the open API (`byregion.api`).

The answers come from the same reads as the pages (`membership`, `councils`), so the API and
the pages never disagree: a region's members on a date, the same members in another date's
codes, a programme's figures, a council's composition. A council member is named only when
the person agreed (`name_is_public`), as on the council's page.
"""

import datetime as dt
from typing import Literal

from django.db.models import Min, Prefetch
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from byregion.core import pagecache
from byregion.core.addresses import absolute
from byregion.core.api.errors import ParameterError
from byregion.core.api.pagination import Cursor
from byregion.core.api.params import id_in_range, parse_date
from byregion.places.timeline import Timeline

from . import councils, membership
from .models import (
    Council,
    Meeting,
    Membership,
    Programme,
    ProgrammeRegion,
    Region,
)

router = Router()


def _not_found(parameter: str, message: str) -> ParameterError:
    return ParameterError(parameter, message, status=404, where="path")


def _unknown(parameter: str, message: str) -> ParameterError:
    return ParameterError(parameter, message)


class OrganisationRef(Schema):
    slug: str
    name: str


class ProgrammeBase(Schema):
    slug: str
    name: str
    owner: OrganisationRef
    operator: OrganisationRef | None
    start: dt.date
    end: dt.date | None  # the last day
    purpose: str
    language: str
    url: str


class ProgrammeOut(ProgrammeBase):
    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(obj.get_absolute_url())


class FiguresOut(Schema):
    date: dt.date
    in_period: bool
    regions: int
    municipalities: int  # distinct member municipalities; one in two regions counts once
    observers: int  # distinct observing municipalities that were not also members


class ParticipationOut(Schema):
    region: OrganisationRef  # slug and name
    joined: dt.date
    left: dt.date | None  # the last day
    members: int | None  # on the figures' date; null when the region did not take part then
    observers: int | None


class ProgrammeDetailOut(ProgrammeBase):
    figures: FiguresOut
    regions: list[ParticipationOut]


def _programmes():
    return Programme.objects.select_related("owner", "operator")


@router.get("/programmes", response=list[ProgrammeOut], summary="Programmes, the latest first")
@paginate(Cursor, ordering=("-start", "-pk"))
def programmes(request):
    return _programmes()


class ProgrammeFilters(Schema):
    as_of: str | None = None


@router.get(
    "/programmes/{slug}",
    response=ProgrammeDetailOut,
    summary="One programme, its regions and its figures on a date",
    description="`as_of` (YYYY-MM-DD): the day the figures are counted on. Default: the "
    "programme's last day, or today while it runs. Figures are counted from the recorded "
    "memberships; outside the programme's period they are zero.",
)
def programme(request, slug: str, filters: Query[ProgrammeFilters]):
    found = _programmes().filter(slug=slug).first()
    if found is None:
        raise _not_found("slug", _("No programme has the slug “%(slug)s”.") % {"slug": slug})
    today = timezone.localdate()
    default = min(found.end, today) if found.end else today
    date = parse_date(filters.as_of, "as_of") if filters.as_of else default
    figures = membership.programme_figures(found, date)
    participations = ProgrammeRegion.objects.filter(programme=found).select_related("region")
    regions = []
    for participation in participations.order_by("region__name", "joined"):
        counts = figures.by_region.get(participation.region_id)
        regions.append(
            {
                "region": participation.region,
                "joined": participation.joined,
                "left": participation.left,
                "members": counts[0] if counts else None,
                "observers": counts[1] if counts else None,
            }
        )
    return {
        **{field: getattr(found, field) for field in ProgrammeBase.model_fields if field != "url"},
        "url": absolute(found.get_absolute_url()),
        "figures": {
            "date": date,
            "in_period": found.start <= date and (found.end is None or date <= found.end),
            "regions": figures.regions,
            "municipalities": figures.municipalities,
            "observers": figures.observers,
        },
        "regions": regions,
    }


class RegionOut(Schema):
    slug: str
    name: str
    kind: str
    language: str
    programmes: list[str]  # programme slugs
    url: str

    @staticmethod
    def resolve_programmes(obj) -> list[str]:
        return [programme.slug for programme in obj.programmes.all()]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(obj.get_absolute_url())


class RegionFilters(Schema):
    programme: str | None = None  # programme slug


@router.get("/regions", response=list[RegionOut], summary="Regions, by name")
@paginate(Cursor, ordering=("name", "pk"))
def regions(request, filters: Query[RegionFilters]):
    queryset = Region.objects.prefetch_related(
        Prefetch("programmes", queryset=Programme.objects.order_by("-start", "pk"))
    )
    if filters.programme:
        if not Programme.objects.filter(slug=filters.programme).exists():
            raise _unknown(
                "programme",
                _("No programme has the slug “%(slug)s”.") % {"slug": filters.programme},
            )
        queryset = queryset.filter(programmes__slug=filters.programme).distinct()
    return queryset


class CountyRef(Schema):
    code: str
    name: str


class MemberOut(Schema):
    """A membership that counted on `as_of`: a municipality version and how it took part."""

    code: str
    name: str
    county: CountyRef | None
    kind: Literal["member", "observer"]
    is_centre: bool
    valid_from: dt.date
    last_day: dt.date | None  # its own end or its municipality version's, whichever first
    source_note: str


class SourceRef(Schema):
    code: str
    name: str
    kind: Literal["member", "observer"]


class MappedMemberOut(Schema):
    """A municipality valid on `in_codes_of`, and the memberships of `as_of` it holds."""

    code: str
    name: str
    county: CountyRef | None
    kind: Literal["member", "observer"]  # observer only if every part observed
    is_centre: bool
    sources: list[SourceRef]


class InCodesOfOut(Schema):
    date: dt.date
    members: list[MappedMemberOut]
    unmapped: list[SourceRef]  # members with no municipality on that date: never dropped
    changes: list[str]  # the municipal changes in between, in words


class ContactOut(Schema):
    name: str
    position: str
    email: str
    phone: str


class CouncilRef(Schema):
    slug: str
    name: str
    url: str


class RegionParticipationOut(Schema):
    programme: OrganisationRef  # slug and name
    joined: dt.date
    left: dt.date | None


class RegionDetailOut(Schema):
    slug: str
    name: str
    kind: str
    language: str
    description: str
    host: OrganisationRef | None
    contact: ContactOut | None  # the project's contact role, as the region page shows it
    programmes: list[RegionParticipationOut]
    councils: list[CouncilRef]
    as_of: dt.date
    members: list[MemberOut]
    in_codes_of: InCodesOfOut
    url: str


class RegionDetailFilters(Schema):
    as_of: str | None = None
    in_codes_of: str | None = None


def _place(place) -> dict:
    county = place.parent
    return {
        "code": place.code,
        "name": place.name_in("nb"),
        "county": {"code": county.code, "name": county.name_in("nb")} if county else None,
    }


def _source(member: Membership) -> dict:
    place = member.municipality
    return {"code": place.code, "name": place.name_in("nb"), "kind": member.kind}


@router.get(
    "/regions/{slug}",
    response=RegionDetailOut,
    summary="One region: its members on a date, and the same members in another date's codes",
    description="`as_of` (YYYY-MM-DD): the day whose memberships are listed. Default: the "
    "last day of the region's programme period, or today. `in_codes_of` (default today): the "
    "members of `as_of` as the municipalities valid on that day; merged members are one "
    "municipality listing every membership it holds, and members with no successor are "
    "listed in `unmapped`. Observers and the centre are marked.",
)
def region(request, slug: str, filters: Query[RegionDetailFilters]):
    found = Region.objects.select_related("host").filter(slug=slug).first()
    if found is None:
        raise _not_found("slug", _("No region has the slug “%(slug)s”.") % {"slug": slug})
    as_of = parse_date(filters.as_of, "as_of") if filters.as_of else None
    on = parse_date(filters.in_codes_of, "in_codes_of")
    participations = list(
        ProgrammeRegion.objects.filter(region=found)
        .select_related("programme")
        .order_by("joined", "pk")
    )
    if as_of is None:
        ends = [p.left or p.programme.end for p in participations]
        today = timezone.localdate()
        as_of = min(max(ends), today) if ends and None not in ends else today
    timeline = Timeline.load()
    members_then = membership.members_on(found, as_of)
    mapped = membership.members_in_codes_of(found, as_of, on, timeline, members_then)
    changes = membership.member_changes(members_then, as_of, on, timeline)
    request_url = found.get_absolute_url()
    contact = None
    if found.contact_name:
        contact = {
            "name": found.contact_name,
            "position": found.contact_title,
            "email": found.contact_email,
            "phone": found.contact_phone or "",
        }
    return {
        "slug": found.slug,
        "name": found.name,
        "kind": found.kind,
        "language": found.language,
        "description": found.description,
        "host": found.host,
        "contact": contact,
        "programmes": [
            {"programme": p.programme, "joined": p.joined, "left": p.left} for p in participations
        ],
        "councils": [
            {"slug": c.slug, "name": c.name, "url": absolute(c.get_absolute_url())}
            for c in found.councils.select_related("region").order_by("name")
        ],
        "as_of": as_of,
        "members": [
            {
                **_place(m.municipality),
                "kind": m.kind,
                "is_centre": m.is_centre,
                "valid_from": m.valid_from,
                "last_day": m.last_day,
                "source_note": m.source_note,
            }
            for m in members_then
        ],
        "in_codes_of": {
            "date": on,
            "members": [
                {
                    **_place(m.place),
                    "kind": m.kind,
                    "is_centre": m.is_centre,
                    "sources": [_source(s) for s in m.sources],
                }
                for m in mapped.members
            ],
            "unmapped": [_source(m) for m in mapped.unmapped],
            "changes": changes,
        },
        "url": absolute(request_url),
    }


# Councils and meetings ---------------------------------------------------------------------


class CouncilBase(Schema):
    region: OrganisationRef  # slug and name
    slug: str
    name: str
    language: str
    term_start: dt.date | None
    term_end: dt.date | None  # the last day
    url: str


class CouncilOut(CouncilBase):
    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(obj.get_absolute_url())


class CouncilFilters(Schema):
    region: str | None = None  # region slug


def _check_region(slug: str | None) -> None:
    if slug and not Region.objects.filter(slug=slug).exists():
        raise _unknown("region", _("No region has the slug “%(slug)s”.") % {"slug": slug})


@router.get("/councils", response=list[CouncilOut], summary="Councils, by name")
@paginate(Cursor, ordering=("name", "pk"))
def councils_list(request, filters: Query[CouncilFilters]):
    queryset = Council.objects.select_related("region")
    _check_region(filters.region)
    if filters.region:
        queryset = queryset.filter(region__slug=filters.region)
    return queryset


class SectorSeatsOut(Schema):
    slug: str
    name: str  # in the request's language
    seats: int


class SeatOut(Schema):
    name: str | None  # only when the person agreed to be named
    position: str
    organisation: OrganisationRef | None
    sector: str  # sector slug
    role: Literal["chair", "deputy", "member"]


class MeetingRef(Schema):
    id: int
    title: str
    start: dt.datetime
    end: dt.datetime | None
    status: str
    url: str


class CouncilDetailOut(CouncilBase):
    mandate: str
    source_note: str
    seats: int
    composition: list[SectorSeatsOut]  # every sector, in the list's order, zero counts too
    members: list[SeatOut]
    upcoming_meetings: list[MeetingRef]  # soonest first
    past_meetings: list[MeetingRef]  # latest first


def _meeting_ref(request, meeting: Meeting, council: Council) -> dict:
    meeting.council = council  # at hand: no query for the URL
    return {
        "id": meeting.pk,
        "title": meeting.display_title,
        "start": meeting.start,
        "end": meeting.end,
        "status": meeting.status,
        "url": absolute(meeting.get_absolute_url()),
    }


def _seat(member) -> dict:
    return {
        "name": member.public_name or None,
        "position": member.position,
        "organisation": member.organisation,
        "sector": member.sector.slug,
        "role": member.role,
    }


@router.get(
    "/regions/{region}/councils/{slug}",
    response=CouncilDetailOut,
    summary="One council: composition by sector, seats, meetings",
    description="A seat names its person only when the person agreed, as the council's page "
    "does; otherwise it is shown by position and organisation.",
)
def council(request, region: str, slug: str):
    try:
        page = councils.council_page(region, slug)
    except Council.DoesNotExist:
        _check_path_region(region)
        raise _not_found(
            "slug",
            _("Region “%(region)s” has no council “%(slug)s”.") % {"region": region, "slug": slug},
        ) from None
    found = page.council
    return {
        **{field: getattr(found, field) for field in CouncilBase.model_fields if field != "url"},
        "url": absolute(found.get_absolute_url()),
        "mandate": found.mandate,
        "source_note": found.source_note,
        "seats": page.composition.total,
        "composition": [
            {"slug": row.sector.slug, "name": row.sector.localized_name, "seats": row.count}
            for row in page.composition.sectors
        ],
        "members": [_seat(m) for m in page.members],
        "upcoming_meetings": [_meeting_ref(request, m, found) for m in page.upcoming],
        "past_meetings": [_meeting_ref(request, m, found) for m in page.past],
    }


def _check_path_region(slug: str) -> None:
    if not Region.objects.filter(slug=slug).exists():
        raise _not_found("region", _("No region has the slug “%(slug)s”.") % {"slug": slug})


class MeetingOut(Schema):
    id: int
    region: OrganisationRef  # slug and name
    council: OrganisationRef  # slug and name
    title: str
    start: dt.datetime
    end: dt.datetime | None
    venue_name: str
    venue_address: str
    status: Literal["planned", "held", "cancelled"]
    language: str  # the council's language
    url: str
    calendar_url: str

    @staticmethod
    def resolve_region(obj):
        return obj.council.region

    @staticmethod
    def resolve_title(obj):
        return obj.display_title

    @staticmethod
    def resolve_language(obj):
        return obj.council.language

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(obj.get_absolute_url())

    @staticmethod
    def resolve_calendar_url(obj, context) -> str:
        return absolute(obj.get_absolute_url() + "kalender.ics")


class AgendaItemOut(Schema):
    title: str
    description: str


class DocumentOut(Schema):
    title: str
    url: str


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    minutes_url: str | None
    attachments: list[DocumentOut]
    updated: dt.datetime

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_minutes_url(obj, context):
        return absolute(obj.minutes.url) if obj.minutes_id else None

    @staticmethod
    def resolve_attachments(obj, context):
        return [
            {"title": a.title or a.document.title, "url": absolute(a.document.url)}
            for a in obj.attachments.all()
        ]


class MeetingFilters(Schema):
    region: str | None = None  # region slug
    council: str | None = None  # council slug (within `region` when both are given)
    when: Literal["upcoming", "past"] | None = None


@router.get(
    "/meetings",
    response=list[MeetingOut],
    summary="Council meetings, the latest start first",
    description="`when=upcoming`: meetings that have not ended yet; `when=past`: those that "
    "have. Times are UTC with offset.",
)
@paginate(Cursor, ordering=("-start", "-pk"))
def meetings(request, filters: Query[MeetingFilters]):
    queryset = Meeting.objects.select_related("council__region")
    _check_region(filters.region)
    if filters.region:
        queryset = queryset.filter(council__region__slug=filters.region)
    if filters.council:
        councils_named = Council.objects.filter(slug=filters.council)
        if filters.region:
            councils_named = councils_named.filter(region__slug=filters.region)
        if not councils_named.exists():
            raise _unknown(
                "council", _("No council has the slug “%(slug)s”.") % {"slug": filters.council}
            )
        queryset = queryset.filter(council__in=councils_named)
    ended = councils.has_ended(timezone.now())
    if filters.when:
        # The split moves when the next coming meeting ends.
        ends = Coalesce("end", "start")
        pagecache.changes_at(queryset.exclude(ended).aggregate(next=Min(ends))["next"])
    if filters.when == "upcoming":
        queryset = queryset.exclude(ended)
    elif filters.when == "past":
        queryset = queryset.filter(ended)
    return queryset


@router.get(
    "/meetings/{id}",
    response=MeetingDetailOut,
    summary="One meeting: agenda, minutes and attachments",
    description="Answers with `Last-Modified`: the time the meeting was last edited.",
)
def meeting(request, id: int, response: HttpResponse):
    if not id_in_range(id):
        raise _not_found("id", _("No meeting has the id %(id)s.") % {"id": id})
    found = councils.with_details(Meeting.objects).filter(pk=id).first()
    if found is None:
        raise _not_found("id", _("No meeting has the id %(id)s.") % {"id": id})
    response["Last-Modified"] = http_date(found.updated.timestamp())
    return found
