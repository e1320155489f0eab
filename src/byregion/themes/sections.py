"""What the apps filling the theme pages' slots (`themes.slots`) share: each section is
built the same way and counted the same way, so an app says only what it lists."""

from collections.abc import Callable

from django.db.models import Count

from byregion.core.contributions import Section

# The most items a section shows; the news and experience listings, filtered by the theme,
# show the rest.
GROUP_LIMIT = 20


def theme_section(
    template: str,
    section_id: str,
    rows,
    *,
    json_ld: Callable[[object], dict] | None = None,
    listing_url: str = "",
) -> Section | None:
    """A section of a theme's page listing the first GROUP_LIMIT of `rows` (one query), with
    a schema.org object per item from `json_ld`; None when there are no rows. `template`
    extends themes/section.html."""
    items = list(rows[: GROUP_LIMIT + 1])
    if not items:
        return None
    more, items = len(items) > GROUP_LIMIT, items[:GROUP_LIMIT]
    context = {"section_id": section_id, "items": items, "more": more}
    context["listing_url"] = listing_url
    parts = tuple(json_ld(item) for item in items) if json_ld else ()
    return Section(template, context, parts)


def count_phrases(pages, themes, phrase: Callable[[int], str]) -> dict[int, str]:
    """`{theme id: phrase(number of pages on the theme)}` for every theme: one query."""
    rows = pages.filter(themes__in=themes).values("themes").annotate(n=Count("pk", distinct=True))
    found = {row["themes"]: row["n"] for row in rows}
    return {theme.pk: phrase(found.get(theme.pk, 0)) for theme in themes}
