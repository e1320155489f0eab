"""A meeting as an iCalendar file (RFC 5545), built with the `icalendar` library.

The file is the same bytes until the meeting is edited: DTSTAMP is the meeting's last change,
not the moment of the request, so it can be cached like the page.
"""

import datetime as dt

from icalendar import Calendar, Event

from byregion.core.addresses import site_host

from .models import Meeting, MeetingStatus

PRODID = "-//Byregion//Council meetings//NB"


def meeting_calendar(meeting: Meeting, page_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{site_host()}")
    event.add("dtstamp", meeting.updated.astimezone(dt.UTC))
    event.add("last-modified", meeting.updated.astimezone(dt.UTC))
    # In UTC ("Z"), which every calendar reads without a VTIMEZONE block.
    event.add("dtstart", meeting.start.astimezone(dt.UTC))
    if meeting.end:
        event.add("dtend", meeting.end.astimezone(dt.UTC))
    event.add("summary", meeting.display_title)
    location = ", ".join(p for p in (meeting.venue_name, meeting.venue_address) if p)
    if location:
        event.add("location", location)
    items = [f"{n}. {item.title}" for n, item in enumerate(meeting.agenda_items.all(), start=1)]
    if items:
        event.add("description", "\n".join(items))
    event.add("url", page_url)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
