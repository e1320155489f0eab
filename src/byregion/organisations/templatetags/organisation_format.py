"""Template filters over `organisations.formatting`, so templates format nothing themselves."""

from django import template

from .. import formatting

register = template.Library()


@register.filter
def phone(number):
    return formatting.format_phone(number or "")


@register.filter
def phone_uri(number):
    return formatting.phone_uri(number or "")


@register.filter
def org_number(number):
    return formatting.format_org_number(number or "")


@register.filter
def hours(value):
    """An `hours.Hours` as Norwegian writes it: kl. 08.00, en dash, 15.45."""
    return formatting.format_hours(value.opens, value.closes) if value else ""


@register.filter
def web_address(url):
    """ "https://alesund.kommune.no/" shown as "alesund.kommune.no"."""
    return formatting.format_web_address(url or "")
