"""`{% render_section section %}`: a contributed `core.contributions.Section` in place."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context, section):
    """Render the section's template with the page's context and the section's own on top,
    as `{% include %}` would."""
    included = context.template.engine.get_template(section.template)
    with context.push(section.context):
        return included.render(context)
