"""What the public may see of Wagtail's page tree: the one rule every listing, API endpoint,
feed and page built on a Wagtail page uses (live, and no view restriction on the page or
above it), as a filter that stays inside one query."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def not_restricted(path_field: str = "path"):
    """No view restriction (password, login, groups) on the page reached through
    `path_field`, or above it.

    Wagtail's `.public()` does the same in two steps (a query for the restricted paths, then
    the filter); as one subquery a listing stays one query.
    """
    restricted_above = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef(path_field), 1, Length("page__path"))
    ).filter(prefix=F("page__path"))
    return ~Exists(restricted_above)


def public(pages):
    """`pages` (a page queryset) narrowed to what the public may see."""
    return pages.live().filter(not_restricted())
