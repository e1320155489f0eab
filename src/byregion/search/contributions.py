"""What search adds to the floors below (see `core.contributions`): the answer to the news
listings' `?q=`, from the same engine as /sok/."""

from byregion.news.search import article_search

from .query import matching_object_ids


@article_search.fill(order=0)
def news_article_ids(query: str) -> list[int]:
    return matching_object_ids(query, "news")
