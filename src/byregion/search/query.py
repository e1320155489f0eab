"""`search()`: the one read function the search page and the open API call.

    results = search("byregionane i Møre", kinds=["news"], regions=[3], page=1)

A search is two SQL statements (at most four when its words are everywhere), whatever the
size of the index.
See docs/developers/search.md (The API the page and the JSON endpoint call).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString

from . import analysis, engines, highlight, ranking, suggest
from .engines import Filters, engine_for
from .models import Document

MAX_PER_PAGE = 50
SUGGEST_BELOW = 3


@dataclass(frozen=True)
class Hit:
    """One result: what the document says, with the matching words marked."""

    kind: str
    title: str
    url: str
    summary: str
    language: str
    date: dt.datetime | None
    organisation_id: int | None
    content_type_id: int
    object_id: int
    score: float
    title_marked: highlight.Highlighted
    snippet: highlight.Highlighted

    @property
    def title_html(self) -> SafeString:
        return self.title_marked.html

    @property
    def snippet_html(self) -> SafeString:
        return self.snippet.html


@dataclass(frozen=True)
class Results:
    """A page of hits and what the whole search found.

    `counts` has the matches per type under every filter but the type; `total` is the
    number of matches under all filters (the sum over the chosen types); `terms` the
    analysed terms that were searched (empty: nothing searchable was asked). `order` is
    "relevance", or "recent" when the words are in so many documents (more than
    `engines.BROAD`) that title matches come first, newest first, then the rest newest
    first (a page can say so); hits' scores are then 0.

    Counting stops at `engines.COUNT_CAP` per type: a type in `capped_kinds` has more
    matches than its count says (show "more than 2 000"), and `count_is_lower_bound` says
    `total` is such a floor too (a chosen type was capped). Then only the first
    COUNT_CAP results are listed (`pages` stops there): nobody pages that far, and a
    narrower search is the way on.
    """

    query: str
    terms: tuple[str, ...]
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    page: int = 1
    per_page: int = 10
    order: str = "relevance"
    count_is_lower_bound: bool = False
    capped_kinds: frozenset[str] = frozenset()
    # "Did you mean": `suggestion` is the query with its unknown words corrected (when it
    # found fewer than SUGGEST_BELOW). When the query found nothing and the suggestion
    # does, these are the suggestion's results and `corrected` is True; when nothing has
    # every word, the results are those with some of them, most first, and `relaxed` is
    # True. Never a bare page with nothing on it, while anything at all matches.
    suggestion: str = ""
    corrected: bool = False
    relaxed: bool = False

    @property
    def pages(self) -> int:
        listed = min(self.total, engines.COUNT_CAP) if self.count_is_lower_bound else self.total
        return max(1, -(-listed // self.per_page))

    @property
    def count_cap(self) -> int:
        """What a count that is a floor (`count_is_lower_bound`) is "over"."""
        return engines.COUNT_CAP

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def is_empty_query(self) -> bool:
        return not self.terms


def _ids(values) -> tuple[int, ...]:
    if values is None:
        return ()
    if isinstance(values, int):
        return (values,)
    return tuple(sorted({int(value) for value in values}))


def search(
    q: str,
    *,
    kinds: Iterable[str] | str = (),
    regions: Iterable[int] | int | None = (),
    themes: Iterable[int] | int | None = (),
    organisation: int | None = None,
    language: str | None = None,
    date_from: dt.date | dt.datetime | None = None,
    date_to: dt.date | dt.datetime | None = None,
    page: int = 1,
    per_page: int = 10,
    now: dt.datetime | None = None,
) -> Results:
    """Search every registered kind of content for `q`, under the filters given.

    `date_from` and `date_to` are inclusive dates (or datetimes); documents without a
    date are left out when either is given. `page` starts at 1; a page past the end is
    empty. `now` (default: the current time) is what recency is measured from.
    """
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    page = max(1, int(page))
    groups = analysis.query_groups(q)
    if not groups:
        return Results(query=q, terms=(), page=page, per_page=per_page)
    filters = Filters(
        kinds=(kinds,) if isinstance(kinds, str) else tuple(sorted(set(kinds))),
        regions=_ids(regions),
        themes=_ids(themes),
        organisation=organisation,
        language=language or None,
        date_from=_start_of(date_from),
        date_to=_end_of(date_to),
    )
    results = _search(q, q, groups, filters, page, per_page, now)
    if results.total >= SUGGEST_BELOW:
        return results
    suggestion = suggest.did_you_mean(q)
    if results.total == 0 and suggestion:
        corrected = analysis.query_groups(suggestion)
        found = _search(q, suggestion, corrected, filters, page, per_page, now)
        if found.total:
            return replace(found, suggestion=suggestion, corrected=True)
    if results.total == 0 and len(groups) > 1:
        found = _search(q, q, groups, filters, page, per_page, now, any_of=True)
        if found.total:
            return replace(found, suggestion=suggestion, relaxed=True)
    return replace(results, suggestion=suggestion)


def _search(q, asked, groups, filters, page, per_page, now, *, any_of=False) -> Results:
    """One search for `groups` (of the text `asked`); `q` is what the visitor typed."""
    terms = tuple(dict.fromkeys(term for group in groups for term in group.terms))
    engine = engine_for(groups, filters)
    engine.any_of = any_of
    offset = (page - 1) * per_page
    cap = engines.COUNT_CAP
    with engine.planned(), connection.cursor() as cursor:
        counted = engine.counts(cursor, cap)
        capped = frozenset(
            kind for kind, n in counted.items() if n > cap or engine.counts_are_floors
        )
        counts = {kind: min(n, cap) for kind, n in sorted(counted.items())}
        chosen = [kind for kind in counts if not filters.kinds or kind in filters.kinds]
        total = sum(counts[kind] for kind in chosen)
        lower_bound = engine.counts_are_floors or any(kind in capped for kind in chosen)
        if engine.counts_are_floors and filters.kinds:
            # The engine stopped before it knew the chosen types' own number (it may not
            # have reached them at all): count them.
            total = engine.title_count(cursor, cap, title=False)
            lower_bound = total > cap
            total = min(total, cap)
        broad = lower_bound or total > engines.BROAD
        listed = min(total, cap) if lower_bound else total
        pages: list[tuple[str, list]] = []
        ranked: list[Document] = []
        if offset < listed and not broad:
            # The matches (at most ranking.CANDIDATES) ordered by search.ranking, the same
            # on both engines; past them, the engine's own order (see ranking).
            pool = ranking.CANDIDATES
            if offset < pool:
                candidates = list(Document.objects.raw(*engine.candidates(pool)))
                ranked = ranking.order(candidates, groups, any_of=any_of)[
                    offset : offset + per_page
                ]
            if offset + per_page > pool and total > pool:
                start = max(offset, pool)
                pages.append(engine.candidates(offset + per_page - start, start))
        elif offset < listed:
            # Title matches first, counted up to the cap too: past it they fill every
            # page that is listed.
            in_title = engine.title_count(cursor, cap)
            size = min(per_page, listed - offset)
            if offset < in_title:
                count = min(size, in_title - offset)
                pages.append(
                    engine.ranked(now or timezone.now(), count, offset, title=True)
                    if in_title <= engines.BROAD
                    else engine.newest(count, offset, title=True)
                )
            if offset + size > in_title:
                pages.append(engine.newest(size - _taken(in_title, offset, size),
                                           max(0, offset - in_title), title=False))  # fmt: skip
        documents = ranked + [
            document for sql, params in pages for document in Document.objects.raw(sql, params)
        ]
    matched = frozenset(
        term for word in analysis.words(analysis.cut_query(asked)) for term in word.terms
    ) | frozenset(
        term for group in groups for term in (*group.terms, *group.folded, *group.translated)
    )
    hits = [_hit(document, matched) for document in documents]
    return Results(
        query=q, terms=terms, hits=hits, counts=counts, total=total, page=page,
        per_page=per_page, order="recent" if broad else "relevance",
        count_is_lower_bound=lower_bound, capped_kinds=capped,
    )  # fmt: skip


def matching_object_ids(q: str, kind: str, *, limit: int = engines.COUNT_CAP) -> list[int]:
    """The ids of the objects of one kind whose documents match `q` (at most `limit`, the
    newest first), for a listing that filters, orders and pages on its own: the news
    listing's `?q=` (`search.contributions`)."""
    groups = analysis.query_groups(q)
    if not groups:
        return []
    engine = engine_for(groups, Filters(kinds=(kind,)))
    with engine.planned(), connection.cursor() as cursor:
        cursor.execute(*engine.object_ids(limit))
        return [object_id for (object_id,) in cursor.fetchall()]


def _taken(in_title: int, offset: int, per_page: int) -> int:
    """How many of a page's places the title matches fill."""
    return max(0, min(per_page, in_title - offset))


def _hit(document: Document, terms: frozenset[str]) -> Hit:
    text = document.body or document.summary
    return Hit(
        kind=document.kind,
        title=document.title,
        url=document.url,
        summary=document.summary,
        language=document.language,
        date=document.date,
        organisation_id=document.organisation_id,
        content_type_id=document.content_type_id,
        object_id=document.object_id,
        score=float(document.score),
        title_marked=highlight.highlight(document.title, terms),
        snippet=highlight.snippet(text, terms),
    )


def _start_of(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


def _end_of(value):
    """Exclusive upper bound: the day after an inclusive date."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value + dt.timedelta(days=1), dt.time()))
