"""iCalendar files and QR codes for a participant: the confirmation's attachment, "my
programme" as a calendar, and the check-in code as a picture."""

from __future__ import annotations

import io

import segno
from django.conf import settings

from byregion.gatherings.ical import calendar_bytes, gathering_event, session_event

from .models import Registration, Status


def registration_calendar(registration: Registration) -> bytes:
    """The gathering and the sessions the participant has a seat in, as one .ics.

    The events are the gatherings app's own (same UIDs as the public calendar files, so a
    calendar that has both keeps one copy; whole days for a gathering known only by date;
    Europe/Oslo with its VTIMEZONE).
    """
    gathering = registration.gathering
    site = settings.SITE_URL.rstrip("/")
    page_url = site + gathering.url if gathering.url else site
    events = [gathering_event(gathering, page_url)]
    choices = registration.session_choices.filter(status=Status.CONFIRMED).select_related(
        "session__gathering"
    )
    for choice in choices:
        events.append(session_event(choice.session, f"{page_url}program/{choice.session.pk}/"))
    return calendar_bytes(events, gathering.title)


def _qr(value: str) -> segno.QRCode:
    """A regular QR code, never a Micro QR (which segno's `make` picks for short data, and
    which many phone cameras and scanners do not read by default)."""
    return segno.make_qr(value, error="m")


# The quiet zone around the symbol, in modules: four, as the QR standard asks.
QUIET_ZONE = 4


def qr_svg(value: str) -> str:
    """An inline SVG QR code (no XML declaration), labelled for screen readers by the caller."""
    buffer = io.BytesIO()
    _qr(value).save(
        buffer,
        kind="svg",
        scale=5,
        border=QUIET_ZONE,
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=False,
    )
    return buffer.getvalue().decode()


def qr_png(value: str) -> bytes:
    buffer = io.BytesIO()
    _qr(value).save(buffer, kind="png", scale=6, border=QUIET_ZONE)
    return buffer.getvalue()
