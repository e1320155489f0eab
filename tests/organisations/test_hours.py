"""The weekly schedule with dated exceptions, without a database."""

from dataclasses import dataclass
from datetime import date, time

from byregion.organisations.hours import Hours, summarise, week_dates, week_hours

WEDNESDAY = date(2026, 5, 13)
ASCENSION_DAY = date(2026, 5, 14)  # a Thursday


@dataclass
class Row:
    weekday: int
    opens: time
    closes: time


@dataclass
class Exception_:
    date: date
    closed: bool
    opens: time | None = None
    closes: time | None = None
    label: str = ""


OFFICE = [Row(d, time(9), time(15)) for d in range(5)]
SWITCHBOARD = [Row(d, time(8), time(15, 45)) for d in range(5)]


def test_the_week_runs_monday_to_sunday():
    assert week_dates(WEDNESDAY) == (date(2026, 5, 11), date(2026, 5, 17))
    days = week_hours(WEDNESDAY, OFFICE, SWITCHBOARD, []).days
    assert days[0].date == date(2026, 5, 11)
    assert len(days) == 7
    assert [d.is_today for d in days] == [False, False, True, False, False, False, False]


def test_a_regular_week_follows_the_schedule_and_a_weekday_without_hours_is_closed():
    week = week_hours(WEDNESDAY, OFFICE, SWITCHBOARD, [])
    monday, saturday = week.days[0], week.days[5]
    assert monday.opening == Hours(time(9), time(15))
    assert monday.switchboard == Hours(time(8), time(15, 45))
    assert saturday.opening is None and saturday.switchboard is None
    assert not any(day.is_exception for day in week.days)


def test_a_holiday_closes_the_day_in_every_schedule():
    holiday = Exception_(ASCENSION_DAY, closed=True, label="Kristi himmelfartsdag")
    week = week_hours(WEDNESDAY, OFFICE, SWITCHBOARD, [holiday])
    thursday = week.days[3]
    assert thursday.date == ASCENSION_DAY
    assert thursday.opening is None
    assert thursday.switchboard is None
    assert thursday.is_exception and thursday.label == "Kristi himmelfartsdag"
    # The days around it keep their hours.
    assert week.days[2].opening == Hours(time(9), time(15))
    assert week.days[4].switchboard == Hours(time(8), time(15, 45))


def test_other_hours_replace_the_day_but_do_not_invent_a_schedule():
    short_day = Exception_(ASCENSION_DAY, closed=False, opens=time(9), closes=time(12), label="x")
    week = week_hours(WEDNESDAY, [], SWITCHBOARD, [short_day])
    assert week.days[3].switchboard == Hours(time(9), time(12))
    assert week.days[3].opening is None  # no opening hours are kept at all
    assert not week.has_opening_hours and week.has_switchboard_hours


def test_exceptions_outside_the_week_change_nothing():
    next_week = Exception_(date(2026, 5, 18), closed=True, label="Andre pinsedag")
    week = week_hours(WEDNESDAY, OFFICE, [], [next_week])
    assert not any(day.is_exception for day in week.days)


def test_a_week_without_any_schedule_is_not_worth_showing():
    assert not week_hours(WEDNESDAY, [], [], [])
    assert week_hours(WEDNESDAY, OFFICE, [], [])


def test_the_summary_joins_consecutive_days_with_the_same_hours():
    rows = [*SWITCHBOARD[:4], Row(4, time(8), time(14)), Row(6, time(8), time(14))]
    runs = summarise(rows)
    assert [(r.first, r.last, r.hours) for r in runs] == [
        (0, 3, Hours(time(8), time(15, 45))),
        (4, 4, Hours(time(8), time(14))),
        (6, 6, Hours(time(8), time(14))),  # not consecutive with Friday
    ]
