"""`{% municipality_json_ld history %}`: the municipality page's JSON-LD (see structured_data)."""

from django import template

from byregion.core.json_ld import as_script

from ..structured_data import municipality_data

register = template.Library()


@register.simple_tag(takes_context=True)
def municipality_json_ld(context, history):
    return as_script(municipality_data(history, context["request"]))
