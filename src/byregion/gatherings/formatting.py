"""How gatherings' dates and times are written, Norwegian style on Norwegian pages.

Språkrådet's rules: "22.-23. mars 2017" (with an en dash) for a span of days, times with a
full stop and a span with an en dash ("10.00-11.30"). English pages read "22-23 March 2017"
and "10:00-11:30".
Everything is shown in Europe/Oslo (the project's TIME_ZONE), whatever the stored UTC value.
"""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

EN_DASH = "\u2013"


def _norwegian() -> bool:
    return (get_language() or "nb").split("-")[0] in {"nb", "nn", "no"}


def _local_date(value) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def format_day(value) -> str:
    """ "onsdag 22. mars 2017" / "Wednesday 22 March 2017"."""
    return date_format(_local_date(value), "l j. F Y" if _norwegian() else "l j F Y")


def format_date(value) -> str:
    return date_format(_local_date(value), "j. F Y" if _norwegian() else "j F Y")


def format_date_range(start, end) -> str:
    """The days from `start` to `end`, the shared month and year written once."""
    first, last = _local_date(start), _local_date(end)
    if first == last:
        return format_date(first)
    norwegian = _norwegian()
    if (first.year, first.month) == (last.year, last.month):
        head = date_format(first, "j." if norwegian else "j")
    elif first.year == last.year:
        head = date_format(first, "j. F" if norwegian else "j F")
    else:
        head = format_date(first)
    return f"{head}{EN_DASH}{format_date(last)}"


def format_time(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    separator = "." if _norwegian() else ":"
    return f"{local.hour:02d}{separator}{local.minute:02d}"


def format_time_range(start: dt.datetime, end: dt.datetime) -> str:
    return f"{format_time(start)}{EN_DASH}{format_time(end)}"


def format_when(start: dt.datetime, end: dt.datetime, dates_only: bool = False) -> str:
    """A gathering's or session's time in one line: days, and the times when they are known."""
    if dates_only:
        return format_date_range(start, end)
    if _local_date(start) == _local_date(end):
        return f"{format_day(start)}, {format_time_range(start, end)}"
    return f"{format_day(start)} {format_time(start)}{EN_DASH}{format_day(end)} {format_time(end)}"
