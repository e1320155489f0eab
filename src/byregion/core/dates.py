"""Dates as people type them in a query string: ISO 8601 (YYYY-MM-DD), and one translated
message for anything else. Pages show the message beside their date field and answer for
a default date; the API sends it as the parameter's error (`api.params.parse_date`)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# The dates a visitor may ask about: wide enough for every municipality's history (from
# 1838) and any plan, narrow enough that a day before or after, and the time zone, still fit
# in Python's and the databases' dates (9999-12-31 plus a day was a 500).
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2199, 12, 31)


class NotADate(ValueError):
    """`str(error)` is the message for the reader, in the active language."""


def out_of_range(value: dt.date) -> str:
    """The message for a date outside EARLIEST..LATEST, or "" for one inside."""
    if EARLIEST <= value <= LATEST:
        return ""
    return _("%(value)s is outside the dates this site knows: give a date between %(earliest)s "
             "and %(latest)s.") % {
        "value": value.isoformat(), "earliest": EARLIEST.year, "latest": LATEST.year
    }  # fmt: skip


def validate_in_range(value: dt.date) -> None:
    """A form field's validator for the same rule."""
    if message := out_of_range(value):
        raise ValidationError(message, code="out_of_range")


def parse_date(typed: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(typed)
    except ValueError:
        raise NotADate(
            _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2017-01-01.")
            % {"value": typed}
        ) from None
    if message := out_of_range(value):
        raise NotADate(message)
    return value


def date_param(request, default: dt.date, name: str = "date") -> tuple[dt.date, str, str]:
    """The date asked for in `?date=`, what was typed (stripped), and an error to show;
    `default` when nothing or no date was typed."""
    typed = request.GET.get(name, "").strip()
    if not typed:
        return default, "", ""
    try:
        return parse_date(typed), typed, ""
    except NotADate as error:
        return default, typed, str(error)


def long_date(value: dt.date) -> str:
    """A date in a sentence ("1 January 2020"), as the places pages write a change's date, so
    a refusal reads like the change it refers to."""
    return formats.date_format(value, pgettext("long date", "j F Y"))
