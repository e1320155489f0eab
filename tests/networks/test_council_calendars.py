"""Calendar subscriptions: all of a council's meetings, and all the councils' meetings of a
region, updated as they change (issue 15, item 4)."""

import datetime as dt

import pytest
from icalendar import Calendar

from byregion.networks.models import Council, Meeting

from .test_pages import COUNCIL

pytestmark = pytest.mark.django_db


def events(response) -> dict[str, object]:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline")
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_a_council_calendar_holds_every_meeting_and_follows_changes(
    client, demo_networks, first_meeting, django_assert_max_num_queries
):
    council = first_meeting.council
    later = first_meeting.start + dt.timedelta(days=400)
    second = Meeting.objects.create(council=council, start=later, end=later + dt.timedelta(hours=2))
    with django_assert_max_num_queries(6):
        response = client.get(f"{COUNCIL}kalender.ics")
    calendar, found = events(response)
    assert str(calendar["x-wr-calname"]).startswith(council.name)
    assert len(found) == council.meetings.count() >= 2
    # A meeting keeps its UID from the single file, so calendars holding both show it once.
    single = Calendar.from_ical(client.get(f"{COUNCIL}moter/{second.pk}/kalender.ics").content)
    (uid,) = [str(e["uid"]) for e in single.walk("VEVENT")]
    assert uid in found
    # Moved: the next fetch has the new time (the page cache lets it through).
    moved = later + dt.timedelta(days=1)
    second.start, second.end = moved, moved + dt.timedelta(hours=2)
    second.save()
    _, found = events(client.get(f"{COUNCIL}kalender.ics"))
    assert found[uid].decoded("dtstart") == moved.astimezone(dt.UTC)
    # The council's page offers the subscription.
    assert f'{COUNCIL}kalender.ics"' in client.get(COUNCIL).content.decode()


def test_a_region_calendar_holds_all_its_councils_meetings(client, demo_networks, first_meeting):
    region = first_meeting.council.region
    other = Council.objects.create(region=region, name="Ungdomsrådet", slug="ungdomsradet")
    start = first_meeting.start + dt.timedelta(days=10)
    youth = Meeting.objects.create(council=other, start=start, end=start + dt.timedelta(hours=1))
    calendar, found = events(client.get(f"/regioner/{region.slug}/rad/kalender.ics"))
    assert str(calendar["x-wr-calname"]) == f"Rådene i {region.name}"
    assert any(uid.startswith(f"meeting-{youth.pk}@") for uid in found)
    assert any(uid.startswith(f"meeting-{first_meeting.pk}@") for uid in found)
    assert client.get("/regioner/finst-ikkje/rad/kalender.ics").status_code == 404
    assert client.get("/regioner/alesundregionen/rad/finst-ikkje/kalender.ics").status_code == 404
