"""Theme pages: `/tema/` lists the network's themes, `/tema/<slug>/` gathers what each is about.

They live in the search app because a theme page is a cross-cutting read, like search: it
collects news, experiences and gathering sessions, and only an app above all of those may
import them (the `themes` app sits below them, so that each can tag its content).

A theme page reads the content directly rather than through the index: the index answers
words, and a theme page has none; direct queries give every item, newest first, in one
query per group (`theme_collection`, budget asserted in tests/search/test_page.py).
Sessions have no themes of their own: a session belongs to a theme when a live experience
with that theme was presented at it (`ExperiencePage.sessions`), and its materials with it.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction

from byregion.gatherings.models import Material, Session
from byregion.knowledge.models import ExperiencePage
from byregion.news.listing import published_articles
from byregion.site.json_ld import as_script
from byregion.themes.models import Theme

from .views import sorted_themes

# The most items a group shows; the news and experience listings, filtered by the theme,
# show the rest.
GROUP_LIMIT = 20


def _not_restricted(path_field: str = "path"):
    """No view restriction on the page (found through `path_field`) or above it."""
    restricted_above = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef(path_field), 1, Length("page__path"))
    ).filter(prefix=F("page__path"))
    return ~Exists(restricted_above)


@dataclass
class ThemeCollection:
    """What a theme page shows; `more_*` says a group was cut at GROUP_LIMIT."""

    theme: Theme
    news: list = field(default_factory=list)
    experiences: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    more_news: bool = False
    more_experiences: bool = False
    more_sessions: bool = False
    more_materials: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.news or self.experiences or self.sessions or self.materials)


def _cut(queryset, limit):
    items = list(queryset[: limit + 1])
    return items[:limit], len(items) > limit


def theme_sessions(theme: Theme):
    """Sessions of live, public gatherings where a live experience of the theme was
    presented."""
    presented = ExperiencePage.objects.live().filter(
        _not_restricted(), themes=theme, sessions=OuterRef("pk")
    )
    return Session.objects.filter(
        Exists(presented), _not_restricted("gathering__path"), gathering__live=True
    )


def theme_collection(theme: Theme, limit: int = GROUP_LIMIT) -> ThemeCollection:
    """The theme's news, experiences, sessions and materials, newest first: four queries."""
    news, more_news = _cut(published_articles(renditions=()).filter(themes=theme), limit)
    experiences, more_experiences = _cut(
        ExperiencePage.objects.live()
        .filter(_not_restricted(), themes=theme)
        .order_by(F("period_start").desc(nulls_last=True), "-first_published_at", "-pk"),
        limit,
    )
    sessions, more_sessions = _cut(
        theme_sessions(theme).select_related("gathering").order_by("-start", "title"), limit
    )
    materials, more_materials = _cut(
        Material.objects.filter(session__in=theme_sessions(theme))
        .select_related("session__gathering", "document")
        .order_by("-session__start", "session__title", "sort_order"),
        limit,
    )
    return ThemeCollection(
        theme=theme,
        news=news,
        experiences=experiences,
        sessions=sessions,
        materials=materials,
        more_news=more_news,
        more_experiences=more_experiences,
        more_sessions=more_sessions,
        more_materials=more_materials,
    )


def themes_with_counts():
    """Every theme with its number of live news articles and experiences: one query."""
    live_news = Q(news_articles__live=True)
    live_experiences = Q(experiences__live=True)
    return Theme.objects.annotate(
        news_count=Count("news_articles", filter=live_news, distinct=True),
        experience_count=Count("experiences", filter=live_experiences, distinct=True),
    )


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def theme_index(request):
    themes = sorted_themes(themes_with_counts())
    index_url = _absolute(request, reverse("search:themes"))
    json_ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "url": index_url,
        "inLanguage": get_language(),
        "mainEntity": {
            "@type": "DefinedTermSet",
            "@id": index_url,
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "name": theme.name,
                    "termCode": theme.slug,
                    "url": _absolute(request, reverse("search:theme", args=[theme.slug])),
                }
                for theme in themes
            ],
        },
    }
    return render(
        request, "search/theme_index.html", {"themes": themes, "json_ld": as_script(json_ld)}
    )


def theme_page(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    collection = theme_collection(theme)
    page_url = _absolute(request, reverse("search:theme", args=[theme.slug]))
    parts = [
        *({"@type": "NewsArticle", "headline": a.title, "url": _absolute(request, a.url),
           "inLanguage": a.language} for a in collection.news),
        *({"@type": "Article", "headline": e.title, "url": _absolute(request, e.url),
           "inLanguage": e.language} for e in collection.experiences),
        *({"@type": "Event", "name": s.title, "url": _absolute(request, s.get_url()),
           "startDate": s.start.isoformat(), "inLanguage": s.gathering.language}
          for s in collection.sessions),
    ]  # fmt: skip
    json_ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": theme.name,
        "url": page_url,
        "inLanguage": get_language(),
        "about": {
            "@type": "DefinedTerm",
            "name": theme.name,
            "termCode": theme.slug,
            "description": theme.description or None,
            "inDefinedTermSet": _absolute(request, reverse("search:themes")),
        },
        "hasPart": parts,
    }
    if not theme.description:
        del json_ld["about"]["description"]
    return render(
        request,
        "search/theme_page.html",
        {
            "theme": theme,
            "collection": collection,
            "json_ld": as_script(json_ld),
            # The listings' slugs are contracts (the main menu links them the same way).
            "news_url": reverse("wagtail_serve", args=["nyheter/"]) + f"?theme={theme.slug}",
            "experiences_url": reverse("wagtail_serve", args=["erfaringer/"])
            + f"?theme={theme.slug}",
        },
    )
