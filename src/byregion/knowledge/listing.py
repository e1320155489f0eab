"""The reads the knowledge pages make, each in a fixed number of queries."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, Prefetch

from byregion.networks.models import Region
from byregion.themes.models import Theme

EXPERIENCES_PER_PAGE = 20


@dataclass(frozen=True)
class ExperienceListing:
    page: object  # a Paginator page of ExperiencePage
    regions: list
    themes: list
    region: Region | None
    theme: Theme | None
    query_string: str  # the active filters, for pagination links

    @property
    def filtered(self) -> bool:
        return bool(self.region or self.theme)


def experience_listing(index_page, params) -> ExperienceListing:
    """Live experiences under `index_page`, newest period first, filtered by `?region=` and
    `?theme=` slugs (an unknown slug filters nothing out rather than erroring: shared links
    outlive renamed regions)."""
    from byregion.knowledge.models import ExperiencePage

    regions = list(Region.objects.filter(experiences__live=True).distinct().order_by("name"))
    themes = list(Theme.objects.filter(experiences__live=True).distinct())
    region = next((r for r in regions if r.slug == params.get("region")), None)
    theme = next((t for t in themes if t.slug == params.get("theme")), None)

    experiences = ExperiencePage.objects.child_of(index_page).live()
    if region:
        experiences = experiences.filter(regions=region)
    if theme:
        experiences = experiences.filter(themes=theme)
    experiences = experiences.order_by(
        F("period_start").desc(nulls_last=True), "-first_published_at", "title"
    ).prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("name")), "themes")
    paginator = Paginator(experiences, EXPERIENCES_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    query = []
    if region:
        query.append(f"region={region.slug}")
    if theme:
        query.append(f"theme={theme.slug}")
    return ExperienceListing(
        page=page,
        regions=regions,
        themes=sorted(themes, key=lambda t: t.name),
        region=region,
        theme=theme,
        query_string="&".join(query),
    )


def experience_detail(page) -> dict:
    """Everything an experience page shows besides its own fields."""
    from byregion.gatherings.models import Session

    municipalities = list(page.municipalities.select_related("parent").order_by("code"))
    sessions = list(
        Session.objects.filter(experiences=page)
        .select_related("gathering")
        .filter(gathering__live=True)
        .order_by("start")
    )
    return {
        "regions": list(page.regions.order_by("name")),
        "municipalities": municipalities,
        "themes": sorted(page.themes.all(), key=lambda t: t.name),
        "sessions": sessions,
        "contacts": list(page.contacts.select_related("organisation")),
        "attachments": list(page.attachments.select_related("document")),
    }
