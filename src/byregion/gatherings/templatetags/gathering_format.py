"""Template filters over `gatherings.formatting`, so templates format nothing themselves."""

from django import template

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
