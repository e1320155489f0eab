"""What news adds to the pages of the floors below (see `core.contributions`): a region's
newest articles, and a theme's articles and their count."""

from django.urls import reverse
from django.utils.translation import ngettext

from byregion.core.addresses import absolute
from byregion.core.contributions import Section
from byregion.core.visibility import public
from byregion.networks.slots import region_sections
from byregion.themes.sections import count_phrases, theme_section
from byregion.themes.slots import theme_counts, theme_sections

from .listing import published_articles
from .models import NewsArticlePage

REGION_NEWS = 5  # the newest articles a region page lists


@region_sections.fill(order=20)
def region_news(region, request):
    articles = list(
        public(NewsArticlePage.objects.all())
        .filter(regions=region)
        .select_related("organisation")
        .order_by("-first_published_at", "-pk")[:REGION_NEWS]
    )
    if articles:
        return Section("news/sections/region_news.html", {"news": articles})
    return None


@theme_sections.fill(order=10)
def theme_news(theme, request):
    return theme_section(
        "news/sections/theme_news.html",
        "theme-news",
        published_articles(renditions=()).filter(themes=theme),
        json_ld=lambda a: {"@type": "NewsArticle", "headline": a.title,
                           "url": absolute(a.url), "inLanguage": a.language},
        # The listing's slug is a contract (the main menu links it the same way).
        listing_url=reverse("wagtail_serve", args=["nyheter/"]) + f"?theme={theme.slug}",
    )  # fmt: skip


@theme_counts.fill(order=10)
def theme_news_counts(themes):
    return count_phrases(
        NewsArticlePage.objects.live(),
        themes,
        lambda n: (
            ngettext("%(counter)s news article", "%(counter)s news articles", n) % {"counter": n}
        ),
    )
