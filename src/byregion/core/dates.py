"""Dates as people type them in a query string: ISO 8601 (YYYY-MM-DD), and one translated
message for anything else. Pages show the message beside their date field and answer for
a default date; the API sends it as the parameter's error (`api.params.parse_date`)."""

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


class NotADate(ValueError):
    """`str(error)` is the message for the reader, in the active language."""


def parse_date(typed: str) -> dt.date:
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        raise NotADate(
            _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2017-01-01.")
            % {"value": typed}
        ) from None


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
