"""Read functions for whoever shows organisations: their pages, the site footer, networks.

Each returns organisations with all that the contact block reads already loaded (the
municipality and logo joined; the weekly hours and this week's exceptions prefetched;
`this_week` worked out), so a page costs the same few queries for one organisation as for
a page of them. Tests hold each function to its query budget.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from . import hours
from .models import HoursException, Organisation, OrganisationKind

PER_PAGE = 20


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


def _with_contact(queryset: QuerySet, today: date) -> QuerySet:
    return queryset.select_related("municipality", "logo").prefetch_related(
        "opening_hours",
        "switchboard_hours",
        Prefetch(
            "hours_exceptions",
            queryset=HoursException.objects.filter(date__range=hours.week_dates(today)),
            to_attr="week_exceptions",
        ),
        # Only logos there are: no query when none of them has one.
        "logo__renditions",
    )


def _fill_in_week(organisations: list[Organisation], today: date) -> list[Organisation]:
    for organisation in organisations:
        organisation.this_week = hours.week_hours(
            today,
            organisation.opening_hours.all(),
            organisation.switchboard_hours.all(),
            organisation.week_exceptions,
        )
    return organisations


def organisation_with_contact(slug: str, *, today: date | None = None) -> Organisation:
    """One organisation ready for its page or a contact block; raises DoesNotExist.

    Four queries: the organisation (with municipality and logo), its two weekly schedules
    and this week's exceptions; a fifth for the logo's renditions when it has a logo.
    """
    today = today or timezone.localdate()
    organisation = _with_contact(Organisation.objects.filter(slug=slug), today).get()
    return _fill_in_week([organisation], today)[0]


def organisation_page(
    *,
    kind: str | None = None,
    page: int | str | None = 1,
    today: date | None = None,
    per_page: int = PER_PAGE,
) -> Page:
    """One page of the directory, by name, optionally of one kind.

    Five queries whatever the page size: the count, the page, and the three prefetches.
    An out-of-range or malformed page number gives the nearest page, as links get stale.
    """
    today = today or timezone.localdate()
    queryset = Organisation.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    result = Paginator(_with_contact(queryset, today), per_page).get_page(page)
    result.object_list = _fill_in_week(list(result.object_list), today)
    return result


def kind_counts() -> list[KindCount]:
    """The kinds that have organisations, in the order of the kinds, with how many: one query."""
    counts = dict(Organisation.objects.order_by().values_list("kind").annotate(count=Count("pk")))
    return [
        KindCount(kind, label, counts[kind])
        for kind, label in OrganisationKind.choices
        if counts.get(kind)
    ]
