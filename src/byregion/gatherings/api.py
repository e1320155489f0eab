"""Gatherings and their programmes, for the open API (`byregion.api`).

Only live, public gathering pages are shown. A programme is read with the pages' own function
(`programme.gathering_programme`, three queries however long), so the API's days and time
slots are the ones the programme page prints. Registrations are not here: who comes to a
gathering is personal data.
"""

import datetime as dt
from typing import Literal

from django.db.models import Min
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
from byregion.core.api.params import id_in_range
from byregion.core.visibility import public
from byregion.networks.models import Programme, Region

from .models import GatheringPage, Session
from .programme import gathering_programme, programme_session

router = Router()


class Ref(Schema):
    slug: str
    name: str


class GatheringOut(Schema):
    slug: str
    title: str
    language: str
    status: Literal["planned", "open", "full", "closed", "held", "cancelled"]
    start: dt.datetime
    end: dt.datetime
    dates_only: bool  # the times of day are not known: read only the dates
    start_date: dt.date  # in Norway's time
    end_date: dt.date
    venue_name: str
    venue_address: str
    town: str
    theme: str
    intro: str
    programme: str | None  # programme slug
    host_region: Ref | None
    generated: bool  # made up for the demo, and every page of it says so
    url: str

    @staticmethod
    def resolve_start_date(obj) -> dt.date:
        return timezone.localtime(obj.start).date()

    @staticmethod
    def resolve_end_date(obj) -> dt.date:
        return timezone.localtime(obj.end).date()

    @staticmethod
    def resolve_programme(obj) -> str | None:
        return obj.programme.slug if obj.programme_id else None

    @staticmethod
    def resolve_host_region(obj) -> dict | None:
        region = obj.host_region
        return {"slug": region.slug, "name": region.name} if region else None

    @staticmethod
    def resolve_generated(obj) -> bool:
        return obj.is_generated

    @staticmethod
    def resolve_url(obj, context) -> str:
        return obj.get_full_url(context["request"]) or ""


class SpeakerOut(Schema):
    name: str  # empty when only the role is given
    title: str
    organisation: str


class MaterialOut(Schema):
    title: str
    kind: Literal["slides", "document", "link", "recording"]
    url: str


class SessionOut(Schema):
    id: int
    title: str
    start: dt.datetime
    end: dt.datetime
    room: str
    format: str
    description: str
    capacity: int | None
    speakers: list[SpeakerOut]
    materials: list[MaterialOut]
    url: str


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    parallel: bool  # sessions that run at the same time: a participant chooses one
    sessions: list[SessionOut]


class DayOut(Schema):
    date: dt.date  # in Norway's time
    slots: list[SlotOut]


class GatheringDetailOut(GatheringOut):
    audience: str
    description: str  # HTML
    organiser: Ref | None
    host_organisations: list[Ref]
    capacity: int | None
    registration_opens: dt.datetime | None
    registration_closes: dt.datetime | None
    first_published_at: dt.datetime | None
    days: list[DayOut]  # the programme; empty when it is not recorded

    # `gathering()` hands over the page with what it read attached.
    @staticmethod
    def resolve_description(obj) -> str:
        return obj.description_html

    @staticmethod
    def resolve_organiser(obj) -> dict | None:
        organiser = obj.organiser
        return {"slug": organiser.slug, "name": organiser.name} if organiser else None

    @staticmethod
    def resolve_host_organisations(obj) -> list[dict]:
        return obj.host_organisations_out

    @staticmethod
    def resolve_days(obj) -> list[dict]:
        return obj.days_out


def _session(request, session: Session) -> dict:
    return {
        "id": session.pk,
        "title": session.title,
        "start": session.start,
        "end": session.end,
        "room": session.room,
        "format": session.format,
        "description": session.description,
        "capacity": session.capacity,
        "speakers": [
            {"name": s.name, "title": s.title, "organisation": s.organisation_label}
            for s in session.speakers.all()
        ],
        "materials": [
            {
                "title": m.title,
                "kind": m.kind,
                "url": absolute(m.href) if m.href else "",
            }
            for m in session.materials.all()
        ],
        "url": absolute(session.get_url(request)),
    }


def _gatherings():
    return public(GatheringPage.objects).select_related("host_region", "programme", "organiser")


class GatheringFilters(Schema):
    programme: str | None = None  # programme slug
    region: str | None = None  # host region's slug
    when: Literal["upcoming", "past"] | None = None


@router.get(
    "/gatherings",
    response=list[GatheringOut],
    summary="Gatherings, the latest start first",
    description="`when=upcoming`: gatherings that have not ended; `when=past`: those that "
    "have. When `dates_only` is true the times of day are not known: use `start_date` and "
    "`end_date`.",
)
@paginate(Cursor, ordering=("-start", "-pk"))
def gatherings(request, filters: Query[GatheringFilters]):
    queryset = _gatherings()
    if filters.programme:
        if not Programme.objects.filter(slug=filters.programme).exists():
            raise ParameterError(
                "programme",
                _("No programme has the slug “%(slug)s”.") % {"slug": filters.programme},
            )
        queryset = queryset.filter(programme__slug=filters.programme)
    if filters.region:
        if not Region.objects.filter(slug=filters.region).exists():
            raise ParameterError(
                "region", _("No region has the slug “%(slug)s”.") % {"slug": filters.region}
            )
        queryset = queryset.filter(host_region__slug=filters.region)
    now = timezone.now()
    if filters.when:
        # The split moves when the next coming gathering ends.
        pagecache.changes_at(queryset.filter(end__gte=now).aggregate(next=Min("end"))["next"])
    if filters.when == "upcoming":
        queryset = queryset.filter(end__gte=now)
    elif filters.when == "past":
        queryset = queryset.filter(end__lt=now)
    return queryset


def _gathering(slug: str) -> GatheringPage:
    found = _gatherings().filter(slug=slug).order_by("pk").first()
    if found is None:
        raise ParameterError(
            "slug",
            _("No published gathering has the address name “%(slug)s”.") % {"slug": slug},
            status=404,
            where="path",
        )
    return found


def _html(value: str) -> str:
    from wagtail.rich_text import expand_db_html

    return expand_db_html(value) if value else ""


@router.get(
    "/gatherings/{slug}",
    response=GatheringDetailOut,
    summary="One gathering with its programme: days, time slots, sessions",
    description="Answers with `Last-Modified`: the later of the page's last publication and "
    "the last change to a session (deleting a session changes the ETag, not that time).",
)
def gathering(request, slug: str, response: HttpResponse):
    found = _gathering(slug)
    programme = gathering_programme(found)
    days = [
        {
            "date": day.date,
            "slots": [
                {
                    "start": slot.start,
                    "end": slot.end,
                    "parallel": slot.is_parallel,
                    "sessions": [_session(request, s) for s in slot.sessions],
                }
                for slot in day.slots
            ],
        }
        for day in programme.days
    ]
    changed = [found.last_published_at, *(s.updated_at for s in programme.sessions)]
    changed = [moment for moment in changed if moment]
    if changed:
        response["Last-Modified"] = http_date(max(changed).timestamp())
    found.days_out = days
    found.description_html = _html(found.body)
    found.host_organisations_out = [
        {"slug": o.slug, "name": o.name} for o in found.host_organisations.order_by("name")
    ]
    return found


@router.get(
    "/gatherings/{slug}/sessions/{id}",
    response=SessionOut,
    summary="One session of a gathering: time, room, speakers, materials",
    description="Answers with `Last-Modified`: the last change to the session.",
)
def session(request, slug: str, id: int, response: HttpResponse):
    found = _gathering(slug)
    try:
        if not id_in_range(id):
            raise Session.DoesNotExist
        item = programme_session(found, id)
    except Session.DoesNotExist:
        raise ParameterError(
            "id",
            _("The gathering has no session with the id %(id)s.") % {"id": id},
            status=404,
            where="path",
        ) from None
    response["Last-Modified"] = http_date(item.updated_at.timestamp())
    return _session(request, item)
