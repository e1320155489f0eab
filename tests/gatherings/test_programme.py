"""The named reads: the programme as days and time slots, the listings, in fixed queries."""

import datetime as dt

import pytest

from byregion.gatherings.models import GatheringStatus, Session
from byregion.gatherings.programme import (
    gathering_listing,
    gathering_programme,
    group_into_days,
    programme_series,
    programme_session,
)

from .conftest import make_gathering, make_session, oslo

pytestmark = pytest.mark.django_db


def test_programme_is_days_of_time_slots_with_parallel_sessions_together(gathering):
    programme = gathering_programme(gathering)
    assert [day.date for day in programme.days] == [dt.date(2027, 4, 14), dt.date(2027, 4, 15)]
    first = programme.days[0]
    assert [[s.title for s in slot.sessions] for slot in first.slots] == [
        ["Opning"],
        ["Verkstad i Rom A", "Verkstad i Rom B"],
        ["Middag"],
    ]
    assert [slot.is_parallel for slot in first.slots] == [False, True, False]
    assert first.slots[1].start == oslo(2027, 4, 14, 12, 30)


def test_overlapping_sessions_share_a_slot_and_back_to_back_ones_do_not(gathering):
    s = lambda t, a, b: Session(title=t, start=oslo(2027, 1, 1, *a), end=oslo(2027, 1, 1, *b))  # noqa: E731
    days = group_into_days(
        [s("A", (9,), (10,)), s("B", (9, 30), (11,)), s("C", (11,), (12,)), s("D", (8,), (9,))]
    )
    assert [[x.title for x in slot.sessions] for slot in days[0].slots] == [
        ["D"],
        ["A", "B"],
        ["C"],
    ]
    assert days[0].slots[1].end == oslo(2027, 1, 1, 11)


def test_a_day_is_the_local_date_not_the_utc_one(gathering_index):
    gathering = make_gathering(gathering_index, "natt")
    # 00.30 in Oslo on 15 April is 22.30 UTC on 14 April.
    make_session(gathering, "Nattmøte", oslo(2027, 4, 15, 0, 30), oslo(2027, 4, 15, 1))
    assert gathering_programme(gathering).days[0].date == dt.date(2027, 4, 15)


def test_programme_reads_in_three_queries_however_long(gathering, django_assert_num_queries):
    for hour in range(8, 18):
        make_session(gathering, f"Ekstra {hour}", oslo(2027, 4, 15, hour), oslo(2027, 4, 15, hour))
    with django_assert_num_queries(3):
        programme = gathering_programme(gathering)
        for session in programme.sessions:
            [speaker.organisation_label for speaker in session.speakers.all()]
            [material.href for material in session.materials.all()]
            assert session.gathering.title
    assert len(programme.sessions) == 15


def test_a_session_of_another_gathering_is_not_found(gathering, gathering_index):
    other = make_gathering(gathering_index, "anna-samling")
    foreign = make_session(other, "Framand", oslo(2027, 4, 14, 9), oslo(2027, 4, 14, 10))
    with pytest.raises(Session.DoesNotExist):
        programme_session(gathering, foreign.pk)


def test_listing_has_upcoming_soonest_first_then_past_newest_first(
    gathering_index, django_assert_max_num_queries
):
    now = oslo(2026, 11, 27, 12)
    make_gathering(gathering_index, "neste-ar", start=oslo(2027, 9, 1, 9), end=oslo(2027, 9, 1, 16))
    make_gathering(gathering_index, "snart", start=oslo(2027, 1, 10, 9), end=oslo(2027, 1, 10, 16))
    make_gathering(
        gathering_index, "i-dag", start=oslo(2026, 11, 27, 9), end=oslo(2026, 11, 27, 16)
    )
    make_gathering(gathering_index, "2017", start=oslo(2017, 3, 22), end=oslo(2017, 3, 23))
    make_gathering(gathering_index, "2014", start=oslo(2014, 5, 20), end=oslo(2014, 5, 21))
    with django_assert_max_num_queries(4):
        listing = gathering_listing(gathering_index, now=now)
        upcoming = [g.slug for g in listing.upcoming]
        past = [g.slug for g in listing.past]
    assert upcoming == ["i-dag", "snart", "neste-ar"]
    assert past == ["2017", "2014"]


def test_unpublished_gatherings_are_not_listed(gathering_index):
    draft = make_gathering(gathering_index, "utkast")
    draft.unpublish()
    listing = gathering_listing(gathering_index)
    assert "utkast" not in [g.slug for g in [*listing.upcoming, *listing.past]]


def test_series_is_the_programmes_gatherings_only(
    gathering, gathering_index, programme, django_assert_max_num_queries
):
    make_gathering(
        gathering_index,
        "utanfor",
        start=oslo(2015, 9, 24),
        end=oslo(2015, 9, 24),
        status=GatheringStatus.HELD,
    )
    make_gathering(
        gathering_index,
        "oslo-2015",
        start=oslo(2015, 9, 24),
        end=oslo(2015, 9, 24),
        programme=programme,
    )
    with django_assert_max_num_queries(2):
        listing = programme_series(programme, now=oslo(2026, 11, 27))
    assert [g.slug for g in listing.upcoming] == ["regional-samling-2027"]
    assert [g.slug for g in listing.past] == ["oslo-2015"]
