"""What people fail to find, without personal data: per day, the number of searches the
search page answered, of those that found nothing, and which queries found nothing.

Nothing about who searched is kept: no address, session, user or time of day; a query is
kept only as lower-case words (at most 100 characters), and only when it found nothing.
Days older than `retention_days()` (setting BYREGION_SEARCH_STATS_DAYS, default 180) are
deleted when a new day's first search is recorded. Editors see the report in the admin
(Reports → Searches that found nothing). See docs/developers/search.md (What people fail
to find).

A search answered from the page cache is not rendered and so not counted; the search page
does not store answers that found nothing (search/views.py), so every such search is.
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from .models import SearchDay, ZeroHitQuery

MAX_QUERY = 100
DEFAULT_RETENTION_DAYS = 180

_DAY = (
    "INSERT INTO byregion_search_searchday (day, queries, zero_hits) VALUES (%s, 1, %s) "
    "ON CONFLICT (day) DO UPDATE SET queries = byregion_search_searchday.queries + 1, "
    "zero_hits = byregion_search_searchday.zero_hits + excluded.zero_hits RETURNING queries"
)
_QUERY = (
    "INSERT INTO byregion_search_zerohitquery (day, query, count) VALUES (%s, %s, 1) "
    "ON CONFLICT (day, query) DO UPDATE SET count = byregion_search_zerohitquery.count + 1"
)


def retention_days() -> int:
    return int(getattr(settings, "BYREGION_SEARCH_STATS_DAYS", DEFAULT_RETENTION_DAYS))


def normalise(query: str) -> str:
    return " ".join((query or "").lower().split())[:MAX_QUERY].strip()


def record(query: str, *, found: bool, today: dt.date | None = None) -> None:
    """Count one search of `query` (its first page) today; keep the query if it found
    nothing. One statement (two when nothing was found; pruning on a day's first search)."""
    today = today or timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_DAY, [today, 0 if found else 1])
        new_day = cursor.fetchone()[0] == 1
        if not found and (text := normalise(query)):
            cursor.execute(_QUERY, [today, text])
    if new_day:
        prune(today)


def prune(today: dt.date | None = None) -> int:
    """Delete the days (and their queries) older than the retention period."""
    cutoff = (today or timezone.localdate()) - dt.timedelta(days=retention_days())
    deleted, _ = SearchDay.objects.filter(day__lt=cutoff).delete()
    ZeroHitQuery.objects.filter(day__lt=cutoff).delete()
    return deleted


def report(days: int = 30, top: int = 20, today: dt.date | None = None) -> dict:
    """The last `days` days: each day's counts, and the most frequent queries that found
    nothing over the period."""
    since = (today or timezone.localdate()) - dt.timedelta(days=days - 1)
    rows = list(SearchDay.objects.filter(day__gte=since).order_by("-day"))
    frequent = list(
        ZeroHitQuery.objects.filter(day__gte=since)
        .values("query")
        .annotate(times=Sum("count"))
        .order_by("-times", "query")[:top]
    )
    return {
        "days": rows,
        "frequent": frequent,
        "since": since,
        "queries": sum(row.queries for row in rows),
        "zero_hits": sum(row.zero_hits for row in rows),
        "retention_days": retention_days(),
    }
