"""The participant's calendar file: the gathering and the sessions they have a seat in."""

import datetime as dt

from icalendar import Calendar

from byregion.registrations.ical import registration_calendar
from byregion.registrations.services import register

from .conftest import key, make_gathering, make_session


def events(registration):
    return {
        str(e["SUMMARY"]): e for e in Calendar.from_ical(registration_calendar(registration)).walk(
            "VEVENT"
        )
    }  # fmt: skip


def test_times_are_in_oslo_and_only_seated_sessions_are_included(applicant):
    gathering = make_gathering(capacity=10)
    workshop = make_session(gathering, "Verkstad A", capacity=1, hour=10)
    plenary = make_session(gathering, "Plenum", hour=9)
    register(gathering, applicant(sessions=[workshop]), idempotency_key=key())
    second = register(gathering, applicant(sessions=[workshop, plenary]), idempotency_key=key())
    found = events(second)
    assert set(found) == {gathering.title, f"Plenum ({gathering.title})"}  # waitlisted: not in
    start = found[gathering.title]["DTSTART"]
    assert start.params["TZID"] == "Europe/Oslo"
    assert start.dt == gathering.start.replace(microsecond=0)


def test_a_gathering_known_only_by_date_is_whole_days(applicant):
    gathering = make_gathering(capacity=10, dates_only=True)
    registration = register(gathering, applicant(), idempotency_key=key())
    event = events(registration)[gathering.title]
    assert type(event["DTSTART"].dt) is dt.date
    assert event["DTEND"].dt > event["DTSTART"].dt
