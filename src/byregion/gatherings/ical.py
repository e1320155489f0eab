"""iCalendar (RFC 5545) for gatherings and sessions: a file each, and a subscription feed.

Times are in Europe/Oslo, and UIDs and timestamps come from the rows, not the request: a
calendar that imported a file updates the event instead of adding a copy, and every visitor
gets the same bytes. See docs/developers/gatherings.md (Calendars).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.utils.html import strip_tags

from byregion.core.addresses import site_host

from .models import GatheringPage, GatheringStatus, Session

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//Byregion//Gatherings//NO"


def gathering_uid(gathering: GatheringPage) -> str:
    return f"gathering-{gathering.pk}@{site_host()}"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{site_host()}"


def _stamp(value: dt.datetime | None) -> dt.datetime:
    return (value or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(OSLO)


def _location(gathering: GatheringPage) -> str:
    parts = [gathering.venue_name, gathering.venue_address, gathering.town]
    return ", ".join(part for part in parts if part)


def gathering_event(gathering: GatheringPage, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", gathering_uid(gathering))
    changed = _stamp(gathering.last_published_at or gathering.latest_revision_created_at)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    if gathering.dates_only:
        event.add("dtstart", _local(gathering.start).date())
        event.add("dtend", _local(gathering.end).date() + dt.timedelta(days=1))
    else:
        event.add("dtstart", _local(gathering.start))
        event.add("dtend", _local(gathering.end))
    event.add("summary", gathering.title)
    description = "\n\n".join(
        part for part in (gathering.theme, gathering.intro, strip_tags(gathering.body)) if part
    )
    if description:
        event.add("description", description)
    location = _location(gathering)
    if location:
        event.add("location", location)
    event.add("url", url)
    if gathering.status == GatheringStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def session_event(session: Session, url: str) -> icalendar.Event:
    gathering = session.gathering
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", _stamp(session.updated_at))
    event.add("last-modified", _stamp(session.updated_at))
    event.add("dtstart", _local(session.start))
    event.add("dtend", _local(session.end))
    event.add("summary", f"{session.title} ({gathering.title})")
    if session.description:
        event.add("description", session.description)
    location = ", ".join(part for part in (session.room, _location(gathering)) if part)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add(
        "status", "CANCELLED" if gathering.status == GatheringStatus.CANCELLED else "CONFIRMED"
    )
    return event


def calendar_bytes(events, name: str) -> bytes:
    """A VCALENDAR holding `events`, with the VTIMEZONE their times need."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
