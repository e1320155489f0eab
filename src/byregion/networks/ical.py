"""Meetings as iCalendar files (RFC 5545), built with the `icalendar` library: one meeting,
or a subscription to all of a council's meetings, or to all the councils of a region.

A file is the same bytes until a meeting in it is edited: DTSTAMP is the meeting's last
change, not the moment of the request, so it can be cached like the page. A meeting keeps
its UID in every file, so a calendar that has it from two of them shows it once, and a
moved meeting moves in the subscriber's calendar.
"""

import datetime as dt

from icalendar import Calendar, Event

from byregion.core.addresses import site_host

from .models import Meeting, MeetingStatus

PRODID = "-//Byregion//Council meetings//NB"


def meeting_event(meeting: Meeting, page_url: str) -> Event:
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
    return event


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar


def meeting_calendar(meeting: Meeting, page_url: str) -> bytes:
    calendar = _calendar()
    calendar.add_component(meeting_event(meeting, page_url))
    return calendar.to_ical()


def subscription(name: str, meetings, url_of) -> bytes:
    """A calendar to subscribe to: every meeting given (`url_of(meeting)` its page), named,
    with a hint to fetch it again every hour (RFC 7986 and the older X- names)."""
    calendar = _calendar()
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url_of(meeting)))
    return calendar.to_ical()
