"""iCalendar files (parsed back with icalendar) and the Atom feed."""

import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.core.cache import cache

from .conftest import make_gathering, oslo

pytestmark = pytest.mark.django_db

URL = "/samlinger/regional-samling-2027/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_gathering_calendar_is_valid_and_in_oslo_time(client, gathering):
    calendar = parse(client.get(URL + "kalender/"))
    assert calendar["VERSION"] == "2.0"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Oslo"]
    (event,) = calendar.events
    assert event["SUMMARY"] == "Regional samling 2027"
    assert event.start == dt.datetime(2027, 4, 14, 9, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    assert event.start.utcoffset() == dt.timedelta(hours=2)  # summer time
    assert event.end == oslo(2027, 4, 15, 13)
    assert event.DTSTART.tzinfo.key == "Europe/Oslo"
    assert b"DTSTART;TZID=Europe/Oslo:20270414T093000" in client.get(URL + "kalender/").content
    assert event["UID"] == f"gathering-{gathering.pk}@127.0.0.1"
    gathering.refresh_from_db()
    assert gathering.last_published_at.replace(microsecond=0) == event.DTSTAMP
    assert event["LOCATION"] == "Kulturhuset, Storgata 1, Molde"
    assert event["STATUS"] == "CONFIRMED"
    assert event["URL"] == settings.SITE_URL + URL


def test_calendar_is_the_same_bytes_on_every_download(client, gathering):
    assert client.get(URL + "kalender/").content == client.get(URL + "kalender/").content


def test_uid_survives_a_new_title(client, gathering):
    before = parse(client.get(URL + "kalender/")).events[0]["UID"]
    gathering.title = "Nytt namn"
    gathering.save_revision().publish()
    assert parse(client.get(URL + "kalender/")).events[0]["UID"] == before


def test_dates_only_gathering_is_whole_days(client, gathering_index):
    make_gathering(
        gathering_index,
        "alesund",
        start=oslo(2017, 3, 22),
        end=oslo(2017, 3, 23, 23, 59),
        dates_only=True,
    )
    (event,) = parse(client.get("/samlinger/alesund/kalender/")).events
    assert event.start == dt.date(2017, 3, 22)
    assert event.end == dt.date(2017, 3, 24)  # DTEND is exclusive


def test_winter_session_calendar_is_utc_plus_one(client, gathering_index):
    winter = make_gathering(
        gathering_index, "vinter", start=oslo(2027, 1, 20, 9), end=oslo(2027, 1, 20, 16)
    )
    session = winter.sessions.create(
        title="Morgon", start=oslo(2027, 1, 20, 9), end=oslo(2027, 1, 20, 10), room="Rom A"
    )
    (event,) = parse(client.get(f"/samlinger/vinter/program/{session.pk}/kalender/")).events
    assert event.start.utcoffset() == dt.timedelta(hours=1)
    assert event.start.astimezone(dt.UTC).hour == 8
    assert event["UID"] == f"session-{session.pk}@127.0.0.1"
    assert event["SUMMARY"] == "Morgon (Vinter)"
    assert event["LOCATION"] == "Rom A"


def test_cancelled_gathering_calendar_says_cancelled(client, gathering_index):
    make_gathering(gathering_index, "avlyst", status="cancelled")
    assert parse(client.get("/samlinger/avlyst/kalender/")).events[0]["STATUS"] == "CANCELLED"


def test_subscription_calendar_has_every_live_gathering(client, gathering, gathering_index):
    make_gathering(gathering_index, "andre")
    make_gathering(gathering_index, "utkast").unpublish()
    calendar = parse(client.get("/samlinger/kalender/"))
    assert sorted(e["UID"] for e in calendar.events) == sorted(
        f"gathering-{p.pk}@127.0.0.1"
        for p in gathering.get_parent().get_children().live().specific()
    )
    assert len(calendar.events) == 2


def test_atom_feed_lists_gatherings(client, gathering, gathering_index):
    make_gathering(
        gathering_index,
        "eldre",
        title="Eldre samling",
        start=oslo(2017, 3, 22),
        end=oslo(2017, 3, 23),
    )
    response = client.get("/samlinger/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Regional samling 2027",
        "Eldre samling",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == settings.SITE_URL + URL
    summary = first.find(f"{ATOM}summary").text
    assert "14.\u201315. april 2027" in summary and "Kulturhuset, Molde" in summary
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Distriktssenteret"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{settings.SITE_URL}/samlinger/feed/"
