"""Template filters over `gatherings.formatting`, so templates format nothing themselves."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from byregion.core import pagecache

from .. import formatting

register = template.Library()


@register.filter
def day(value):
    return formatting.format_day(value) if value else ""


@register.filter
def norwegian_date(value):
    return formatting.format_date(value) if value else ""


@register.filter
def time_range(session):
    """A session's (or slot's) start and end: 10.00, an en dash, 11.30."""
    return formatting.format_time_range(session.start, session.end)


@register.filter
def clock(value):
    return formatting.format_time(value) if value else ""


@register.filter
def gathering_when(gathering):
    """A gathering's days (and times when they are known), in one line."""
    return formatting.format_when(gathering.start, gathering.end, gathering.dates_only)


@register.filter
def gathering_dates(gathering):
    return formatting.format_date_range(gathering.start, gathering.end)


@register.filter
def registration_dates(gathering) -> str:
    """The "Registration" line of a gathering, as it stands now: "opens 1 November 2026,
    closes ...", then "open, closes ...", then "closed 20 November 2026 at 12.00". A stored
    page ends at the next of those moments (`pagecache.changes_at`)."""
    opens, closes = gathering.registration_opens, gathering.registration_closes
    now = timezone.now()
    deadline = closes or gathering.start
    pagecache.changes_at(opens)
    pagecache.changes_at(deadline)
    closing = ""
    if closes:
        closing = _("closes %(date)s at %(time)s") % {
            "date": formatting.format_date(closes),
            "time": formatting.format_time(closes),
        }
    if deadline and now >= deadline:
        if not closes:
            return pgettext("registration", "closed")
        return _("closed %(date)s at %(time)s") % {
            "date": formatting.format_date(closes),
            "time": formatting.format_time(closes),
        }
    if opens and now < opens:
        opening = _("opens %(date)s") % {"date": formatting.format_date(opens)}
        return f"{opening}, {closing}" if closing else opening
    if closing:
        return _("open, %(deadline)s") % {"deadline": closing}
    return pgettext("registration", "open")
