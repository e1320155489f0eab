"""`{% hole "csrf" %}`: a place in a stored page for what each visitor gets of their own
(`core.pagecache.hole`)."""

from django import template
from django.utils.safestring import mark_safe

from byregion.core import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name, *args):
    # A marker (letters, digits and hyphens) or a filler's output, which is safe HTML.
    return mark_safe(pagecache.hole(context["request"], name, *args))
