"""Attendance per meeting (present, apologies, absent, substitute), recorded by the region's
editors in the meeting's form and shown with the minutes; the council's page sums each
seat's attendance over the last year (issue 15, item 4)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from modelcluster.forms import childformset_factory

from byregion.networks.forms import AttendanceFormSet as Base
from byregion.networks.models import Attendance, AttendanceStatus, Council, CouncilMember, Meeting

from .test_pages import COUNCIL

pytestmark = pytest.mark.django_db


def text_of(response, heading_id) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    heading = soup.find(id=heading_id)
    assert heading is not None, heading_id
    return " ".join(heading.find_parent("section").get_text(" ").split())


@pytest.fixture
def recorded(demo_networks):
    council = Council.objects.get(slug="radet-for-region-alesund")
    seats = list(council.members.order_by("sort_order", "pk")[:3])
    assert len(seats) == 3
    held = []
    for weeks in (8, 4):
        start = timezone.now() - dt.timedelta(weeks=weeks)
        meeting = Meeting.objects.create(
            council=council, start=start, end=start + dt.timedelta(hours=2), status="held"
        )
        held.append(meeting)
    statuses = [
        (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.SUBSTITUTE),
        (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.PRESENT),
    ]
    for meeting, row in zip(held, statuses, strict=True):
        for seat, status in zip(seats, row, strict=True):
            Attendance.objects.create(meeting=meeting, member=seat, status=status)
    return council, seats, held


def test_the_meeting_page_shows_who_came(client, recorded, django_assert_max_num_queries):
    _council, seats, held = recorded
    with django_assert_max_num_queries(7):
        response = client.get(f"{COUNCIL}moter/{held[0].pk}/")
    shown = text_of(response, "attendance")
    assert "Til stede" in shown and "Meldt forfall" in shown and "Vara møtte" in shown
    # A seat's person is named only where they agreed; otherwise position and organisation.
    for seat in seats:
        assert seat.public_label in shown
        if seat.person_name and not seat.name_is_public:
            assert seat.person_name not in shown


def test_the_council_page_sums_the_last_year(client, recorded):
    council, seats, _held = recorded
    old = timezone.now() - dt.timedelta(days=500)  # outside the year: not counted
    long_ago = Meeting.objects.create(council=council, start=old, status="held")
    Attendance.objects.create(meeting=long_ago, member=seats[0], status=AttendanceStatus.ABSENT)
    shown = text_of(client.get(COUNCIL), "attendance")
    assert "Ved 2 møter med registrert oppmøte." in shown
    soup = BeautifulSoup(client.get(COUNCIL).content.decode(), "html.parser")
    table = soup.find(id="attendance").find_parent("section").find("table")
    rows = {
        " ".join(r.find("th").get_text(" ").split()): [
            td.get_text(strip=True) for td in r.find_all("td")
        ]
        for r in table.find("tbody").find_all("tr")
    }
    # present, substitute, apologies, absent
    assert rows[seats[0].public_label] == ["2", "0", "0", "0"]
    assert rows[seats[1].public_label] == ["0", "0", "1", "1"]
    assert rows[seats[2].public_label] == ["1", "1", "0", "0"]


# As the meeting's inline panel builds it.
AttendanceFormSet = childformset_factory(
    Meeting, Attendance, formset=Base, fields=["member", "status"], extra=0
)


def test_the_form_offers_only_the_councils_seats_once_each(recorded):
    council, seats, held = recorded
    other = CouncilMember.objects.exclude(council=council).first()
    formset = AttendanceFormSet(instance=held[0], prefix="attendance")
    offered = set(formset.empty_form.fields["member"].queryset)
    assert set(seats) <= offered and all(seat.council_id == council.pk for seat in offered)
    data = {
        "attendance-TOTAL_FORMS": "2", "attendance-INITIAL_FORMS": "0",
        "attendance-MIN_NUM_FORMS": "0", "attendance-MAX_NUM_FORMS": "1000",
        "attendance-0-member": str(seats[0].pk), "attendance-0-status": "present",
        "attendance-1-member": str(seats[0].pk), "attendance-1-status": "absent",
    }  # fmt: skip
    meeting = Meeting.objects.create(council=council, start=timezone.now())
    twice = AttendanceFormSet(data, instance=meeting, prefix="attendance")
    assert not twice.is_valid()
    assert twice.errors[1]  # the second row: the same seat again
    if other is not None:
        data["attendance-1-member"] = str(other.pk)
        elsewhere = AttendanceFormSet(data, instance=meeting, prefix="attendance")
        assert not elsewhere.is_valid()
