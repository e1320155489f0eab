"""What serving a Wagtail page of the site costs, shared by every page model (`ServingMixin`).

Serving a page (`site.serving`) reads the page in one query. Two things Wagtail would read
on top of it are settled here:

- What the page reads of its relations on every request (its publisher, its image) is named
  in `serve_select_related` and joined into that one query.
- Wagtail's view-restriction check (`Page.get_view_restrictions()`, run by its
  `check_view_restrictions` hook on every page served) costs two queries: the page's
  ancestors (for aliases) and the restrictions. Which pages a restriction reaches is kept
  with `pagecache.remember()` (any saved restriction or page changes the content generation
  it is kept under), so a page no restriction reaches answers without a query, and one it
  may reach asks Wagtail, which decides as before.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

from . import pagecache


def _restricted_prefixes() -> tuple[str, ...]:
    """The tree paths whose pages, and those below them, a view restriction may reach.

    Wagtail checks the page and its ancestors, each alias replaced by the page it is an
    alias of (`Page.get_view_restrictions()`): a restricted page reaches its subtree, and so
    does each alias of it (and alias of an alias)."""
    restricted = dict(PageViewRestriction.objects.values_list("page_id", "page__path"))
    if not restricted:
        return ()
    paths = set(restricted.values())
    sources = set(restricted)
    while True:
        aliases = dict(
            Page.objects.filter(alias_of_id__in=sources)
            .exclude(pk__in=sources)
            .values_list("pk", "path")
        )
        if not aliases:
            break
        paths.update(aliases.values())
        sources.update(aliases)
    return tuple(sorted(paths))


def restricted_prefixes() -> tuple[str, ...]:
    """`_restricted_prefixes()`, kept until the content changes."""
    return pagecache.remember("wagtail:restricted-prefixes", _restricted_prefixes)


def may_be_restricted(page: Page) -> bool:
    """Whether a view restriction may apply to `page` (if not, none does)."""
    if page.pk is None or not page.path:
        return True
    return any(page.path.startswith(prefix) for prefix in restricted_prefixes())


class ServingMixin:
    """For every page model of the site: put it before `Page` in the bases."""

    # Relations the page's own rendering reads on every request, joined into the query that
    # serving makes for the page (`site.serving`).
    serve_select_related: tuple[str, ...] = ()

    def get_view_restrictions(self) -> QuerySet:
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
