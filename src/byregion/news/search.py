"""Finding news articles by words: a thin layer over Wagtail's search index.

Wagtail's database backend hands the query to SQLite's FTS5 (or PostgreSQL's tsquery), whose
own syntax gives meaning to quotes, brackets, colons, stars and more; a stray `"` makes
SQLite raise (Wagtail issue #13227). Readers type words, not query syntax, so the query is
reduced to its words (letters and digits in any script) before it reaches the backend; a
query with no words in it matches nothing. The Norwegian-aware search over every content
type is the search app's; this one only serves the news listings.
"""

import re

from wagtail.search.backends import get_search_backend

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
WORD = re.compile(r"[^\W_]+")  # letters and digits, any script; never punctuation


def words_of(query: str) -> list[str]:
    """The words a reader typed, in order, without punctuation or query syntax."""
    return WORD.findall((query or "")[:MAX_QUERY_LENGTH])[:MAX_WORDS]


def matching_article_ids(query: str) -> list[int]:
    """Primary keys of the live news articles that contain every word of `query`.

    Returned as ids, not a search result, so the caller goes on filtering on anything
    (themes, regions: not search filter fields) and keeps its own ordering and pagination
    on a plain queryset: `articles.filter(pk__in=matching_article_ids(q))`.
    """
    from .models import NewsArticlePage

    words = words_of(query)
    if not words:
        return []
    live = NewsArticlePage.objects.live().only("pk").order_by()
    results = get_search_backend().search(
        " ".join(words), live, operator="and", order_by_relevance=False
    )
    return [article.pk for article in results]
