"""What the home page shows besides its own fields: what matters most to a network first
(the next gatherings and whether registration is open, the latest news and experiences,
the regions), then the themes and organisations.

Within the five-query budget of every page (docs/developers/caching.md), with one item or a
hundred:

- what changes only with the content (news, experiences, regions, themes, organisations)
  is read once and kept with `pagecache.remember()` until the content changes;
- what follows the clock or the seats is read on every render: the next gatherings (one
  query; the page is kept no longer than until the first of them ends) and their
  registration counts (one query for all, `read_registration_counts`, under each one's seats
  tag). The registration line is the gathering page's own template, so the words match and
  follow the clock (`registration_window` marks when the page changes).
"""

from django.utils import timezone

from byregion.core import pagecache
from byregion.core.visibility import public
from byregion.gatherings.models import GatheringPage
from byregion.knowledge.models import ExperiencePage
from byregion.networks.models import Region
from byregion.news.listing import latest_articles, news_index_url
from byregion.organisations import directory
from byregion.organisations.models import Organisation
from byregion.registrations.templatetags.registrations_tags import read_registration_counts
from byregion.themes.models import Theme, sorted_themes

NEXT_GATHERINGS = 3
LATEST_EXPERIENCES = 3
ORGANISATIONS = 4  # one row on a wide screen


def next_gatherings(limit: int = NEXT_GATHERINGS) -> list[GatheringPage]:
    """The public gatherings that have not ended, soonest first, each with its registration
    counts: two queries. A gathering counts as coming until it has ended, as on the
    gathering listing."""
    gatherings = list(
        public(GatheringPage.objects)
        .filter(end__gte=timezone.now())
        .order_by("start", "pk")[:limit]
    )
    for gathering in gatherings:
        pagecache.changes_at(gathering.end)  # then it leaves the list, and the next one comes
    read_registration_counts(gatherings)
    return gatherings


def _content_rows() -> dict:
    return {
        "latest_news": latest_articles(),
        "latest_experiences": list(
            public(ExperiencePage.objects).order_by("-first_published_at", "-pk")[
                :LATEST_EXPERIENCES
            ]
        ),
        "regions": list(Region.objects.order_by("name").only("pk", "slug", "name")),
        "themes": list(Theme.objects.all()),
        "organisation_kinds": directory.kind_counts(),
        "organisations": list(
            Organisation.objects.filter(dissolved__isnull=True).order_by("name")[:ORGANISATIONS]
        ),
    }


def home_sections() -> dict:
    """The home page's context besides the page: see the module's doc. The rows kept are the
    same in every language (labels stay lazy, themes are sorted by the reader's language
    here), so one language's first render fills them for the others."""
    rows = pagecache.remember("site:home", _content_rows)
    return {
        **rows,
        "themes": sorted_themes(rows["themes"]),
        "next_gatherings": next_gatherings(),
        "news_index_url": news_index_url(),
    }
