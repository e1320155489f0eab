"""Finding news articles by words, for the listings' `?q=`.

Visitors have one search engine, the search app's (Norwegian-aware: Bokmål and Nynorsk
forms find each other). It sits above news, so it answers through the slot
`article_search`, which it fills; news only asks. Wagtail's own backend is the admin's.
"""

from django.core.exceptions import ImproperlyConfigured

from byregion.core.contributions import Slot

MAX_QUERY_LENGTH = 200

# Filled with one function: (query) -> ids of the live, public articles matching it.
article_search = Slot("news article search")


def matching_article_ids(query: str) -> list[int]:
    """Primary keys of the live, public news articles that match `query`.

    Returned as ids, not a search result, so the caller goes on filtering on anything and
    keeps its own ordering and pagination: `articles.filter(pk__in=matching_article_ids(q))`.
    """
    answers = article_search.collect(query[:MAX_QUERY_LENGTH])
    if not answers:
        raise ImproperlyConfigured("No search engine fills news.search.article_search.")
    return answers[0]
