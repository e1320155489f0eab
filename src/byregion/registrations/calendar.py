"""iCalendar files and QR codes for a participant: the confirmation's attachment, "my
programme" as a calendar, and the check-in code as a picture."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import segno
from django.conf import settings
from icalendar import Calendar, Event

from .models import Registration, Status


def _uid(kind: str, pk: int) -> str:
    return f"byregion-{kind}-{pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}"


def _event(uid: str, title: str, start, end, location: str = "", url: str = "") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", start)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    return event


def registration_calendar(registration: Registration) -> bytes:
    """The gathering and the sessions the participant has a seat in, as one .ics."""
    gathering = registration.gathering
    calendar = Calendar()
    calendar.add("prodid", "-//Byregion//registrations//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    location = ", ".join(p for p in (gathering.venue_name, gathering.venue_address) if p)
    calendar.add_component(
        _event(
            _uid("gathering", gathering.pk),
            gathering.title,
            gathering.start,
            gathering.end,
            location,
            settings.SITE_URL + gathering.url if gathering.url else "",
        )
    )
    choices = registration.session_choices.filter(status=Status.CONFIRMED).select_related("session")
    for choice in choices:
        session = choice.session
        calendar.add_component(
            _event(
                _uid("session", session.pk),
                session.title,
                session.start,
                session.end,
                ", ".join(p for p in (session.room, gathering.venue_name) if p),
            )
        )
    return calendar.to_ical()


def qr_svg(value: str) -> str:
    """An inline SVG QR code (no XML declaration), labelled for screen readers by the caller."""
    buffer = io.BytesIO()
    segno.make(value, error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, nl=False, omitsize=False
    )
    return buffer.getvalue().decode()


def qr_png(value: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(value, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
