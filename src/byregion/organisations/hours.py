"""Opening hours: a weekly schedule, dated exceptions, and what that makes of one week.

The rule: an exception (a holiday, Christmas Eve) replaces that date's hours in every
schedule the organisation keeps (opening hours and switchboard alike); a closed exception
closes them all. Plain functions over plain values, so pages, JSON-LD and anything else
agree, and the rule is tested without a database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Protocol

from .formatting import format_day_range


class WeeklyRow(Protocol):
    weekday: int  # Monday is 0, as date.weekday()
    opens: time
    closes: time


class ExceptionRow(Protocol):
    date: date
    closed: bool
    opens: time | None
    closes: time | None
    label: str


@dataclass(frozen=True)
class Hours:
    opens: time
    closes: time


@dataclass(frozen=True)
class Day:
    """One date's hours; None where that schedule is closed."""

    date: date
    opening: Hours | None
    switchboard: Hours | None
    is_today: bool
    label: str = ""  # the exception's label ("Christmas Eve"), empty on an ordinary day
    is_exception: bool = False


@dataclass(frozen=True)
class Week:
    days: tuple[Day, ...]
    has_opening_hours: bool
    has_switchboard_hours: bool

    def __bool__(self):
        """A week is worth showing only if some regular schedule is known."""
        return self.has_opening_hours or self.has_switchboard_hours


@dataclass(frozen=True)
class DaysHours:
    """Consecutive weekdays that share hours: Monday to Friday, 08.00 to 15.45."""

    first: int
    last: int
    hours: Hours

    @property
    def days(self) -> str:
        return format_day_range(self.first, self.last)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_dates(day: date) -> tuple[date, date]:
    """The first and last date (Monday, Sunday) of the week `day` falls in."""
    monday = monday_of(day)
    return monday, monday + timedelta(days=6)


def _by_weekday(rows: Iterable[WeeklyRow]) -> dict[int, Hours]:
    return {row.weekday: Hours(row.opens, row.closes) for row in rows}


def week_hours(
    today: date,
    opening: Iterable[WeeklyRow],
    switchboard: Iterable[WeeklyRow],
    exceptions: Iterable[ExceptionRow],
) -> Week:
    """The hours of each day of the week `today` falls in, exceptions applied."""
    opening_by_day = _by_weekday(opening)
    switchboard_by_day = _by_weekday(switchboard)
    exceptions_by_date = {exception.date: exception for exception in exceptions}
    days = []
    monday = monday_of(today)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        exception = exceptions_by_date.get(day)
        if exception is None:
            days.append(
                Day(
                    date=day,
                    opening=opening_by_day.get(day.weekday()),
                    switchboard=switchboard_by_day.get(day.weekday()),
                    is_today=day == today,
                )
            )
            continue
        hours = None if exception.closed else Hours(exception.opens, exception.closes)
        days.append(
            Day(
                date=day,
                opening=hours if opening_by_day else None,
                switchboard=hours if switchboard_by_day else None,
                is_today=day == today,
                label=exception.label,
                is_exception=True,
            )
        )
    return Week(
        days=tuple(days),
        has_opening_hours=bool(opening_by_day),
        has_switchboard_hours=bool(switchboard_by_day),
    )


def summarise(rows: Iterable[WeeklyRow]) -> tuple[DaysHours, ...]:
    """The regular week in as few lines as it takes: Monday to Friday 08.00 to 15.45."""
    runs: list[DaysHours] = []
    for weekday, hours in sorted(_by_weekday(rows).items()):
        last = runs[-1] if runs else None
        if last and last.hours == hours and last.last == weekday - 1:
            runs[-1] = DaysHours(last.first, weekday, hours)
        else:
            runs.append(DaysHours(weekday, weekday, hours))
    return tuple(runs)
