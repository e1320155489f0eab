"""The two engines behind one interface: SQL for SQLite's FTS5 and PostgreSQL's tsvector.

Both get the same analysed terms and filters, so they find the same documents and rank them
the same way. Every piece of SQL is a constant here; whatever a visitor sends travels as a
parameter or as a quoted, analysed term, never as engine syntax. See docs/developers/search.md
(What it does: Ranking, Filters, Safe input).
"""

import contextlib
import datetime as dt
import json
import math
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from .analysis import QueryGroup
from .index import facet_term, month_term

DOCUMENTS = "byregion_search_document"
FTS = "byregion_search_fts"
COLUMNS = ", ".join(
    f"d.{name}"
    for name in (
        "id", "content_type_id", "object_id", "kind", "title", "summary", "body", "language",
        "url", "date", "organisation_id",
    )
)  # fmt: skip
# What ranking (search.ranking) reads besides what a result shows.
RANKING_COLUMNS = ", ".join(
    f"d.{name}"
    for name in (
        "title_terms", "body_terms", "part_terms", "is_example", "summary_length", "body_length",
    )
)  # fmt: skip
BROAD = 2000
# Counting stops here: one pass over at most COUNT_CAP + 1 matches, grouped by type; when
# it stops, every type's count is a floor (Engine.counts_are_floors). Counting every match
# of a word that is in a fifth of everything costs time in proportion to the index; the
# first COUNT_CAP + 1 cost the same at any size. At least BROAD, so that a search that is
# not broad is always counted exactly.
COUNT_CAP = 2000
MAX_MONTHS = 240
# SQLite's recent-first pages up to this far probe the full-text index row by row.
PROBE_WITHIN = 100
HALF_LIFE_DAYS = 730.0
# Recency weighs at most half: an old document whose title is the query still comes before a
# new one that only shares a compound's part ("byregionsamling" → the 2017 article first).
RECENCY_FLOOR = 0.5
# Undated documents (organisations, municipalities) count as a year old: reference pages
# rank below today's news for an equally good match, above what is long past.
UNDATED_AGE_DAYS = 365.0
# PostgreSQL: a capped count either builds the GIN index's bitmap of every match of every
# term asked (time growing with how many documents have them) or walks the table and tests
# each row until the cap (time in proportion to cap / the share of rows that match).
# Measured on the 1,000,000-document benchmark (`bench/search_bench.py --calibrate`,
# 2026-12-06, shared 2-core EPYC, warm cache): a walk costs about 2 µs a row testing the
# words' vector (most are stored out of line, TOAST), 0.6 µs testing the title's; a bitmap
# about 0.27 µs a posting while it fits in work_mem, and once it no longer does (it then
# keeps whole pages and rechecks them) about 0.03 µs a posting plus 0.03 µs a row of the
# table. The walk is chosen when its estimate is the smaller
# (`PostgreSQLEngine._walk_is_cheaper`).
WALK_ROW_US = {"search_vector": 2.0, "title_vector": 0.6}
BITMAP_POSTING_US = 0.27
LOSSY_POSTING_US = 0.03
LOSSY_ROW_US = 0.03
# In an AND, a skip in a longer term's list costs about as much as reading this many
# postings (set by hand; with it the calibration run chose the faster way for 78 of 80).
SKIP_POSTINGS = 10.0
# How long a process keeps the words' frequencies it read from pg_stats.
STATISTICS_SECONDS = 600.0


class UnsupportedDatabase(Exception):
    pass


@dataclass
class Filters:
    kinds: tuple[str, ...] = ()
    regions: tuple[int, ...] = ()
    themes: tuple[int, ...] = ()
    organisation: int | None = None
    language: str | None = None
    date_from: dt.datetime | None = None
    date_to: dt.datetime | None = None  # exclusive

    def facet_groups(self, with_kinds: bool = True) -> list[list[str]]:
        """Filters as groups of terms: one of each group's terms must be there."""
        groups = []
        if with_kinds and self.kinds:
            groups.append([facet_term("k", kind) for kind in self.kinds])
        if self.language:
            groups.append([facet_term("l", self.language)])
        if self.regions:
            groups.append([facet_term("r", value) for value in self.regions])
        if self.themes:
            groups.append([facet_term("t", value) for value in self.themes])
        if self.organisation is not None:
            groups.append([facet_term("o", self.organisation)])
        months = self.months()
        if months:
            groups.append(months)
        return groups

    def months(self) -> list[str]:
        """The month terms a date range touches (none for an open or very long range)."""
        if self.date_from is None or self.date_to is None or self.date_to <= self.date_from:
            return []
        first, last = self.date_from, self.date_to - dt.timedelta(microseconds=1)
        terms, year, month = [], int(month_term(first)[1:5]), int(month_term(first)[5:])
        while len(terms) <= MAX_MONTHS:
            terms.append(f"m{year:04d}{month:02d}")
            if terms[-1] == month_term(last):
                return terms
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return []

    def _whole_months(self) -> bool:
        """Whether the range is exactly its months, so their terms say it all."""
        if not self.months():
            return False
        return all(
            (local := moment.astimezone(timezone.get_default_timezone())).day == 1
            and local.time() == dt.time()
            for moment in (self.date_from, self.date_to)
        )

    def date_sql(self, always: bool = False) -> tuple[str, list]:
        """The range as SQL on the table's dates: only when the month terms do not say
        it all, or `always` (a walk down the date index starts at the range's end)."""
        where, params = "", []
        if self._whole_months() and not always:
            return where, params
        if self.date_from is not None:
            where += " AND d.date >= %s"
            params.append(connection.ops.adapt_datetimefield_value(self.date_from))
        if self.date_to is not None:
            where += " AND d.date < %s"
            params.append(connection.ops.adapt_datetimefield_value(self.date_to))
        return where, params

    @property
    def has_dates(self) -> bool:
        """Whether dates must be checked on the table (not only by month terms)."""
        return (self.date_from is not None or self.date_to is not None) and not (
            self._whole_months()
        )


@dataclass
class Engine:
    groups: list[QueryGroup]
    filters: Filters = field(default_factory=Filters)

    # Set by counts(): every count is a floor (the engine stopped counting at the cap).
    counts_are_floors: bool = False
    # Any of the words instead of all of them (search() asks so when nothing has all).
    any_of: bool = False

    def counts(self, cursor, cap: int) -> dict[str, int]:
        """Matches per type, under every filter but the type, each counted up to cap + 1
        (more than cap: a floor); see `counts_are_floors`."""
        raise NotImplementedError

    def title_count(self, cursor, cap: int, *, title: bool = True) -> int:
        """Matches (under every filter, the type too) whose title has every query word
        (all matches: title=False), up to cap + 1."""
        raise NotImplementedError

    def planned(self):
        """A context for the search's statements (see `_Planned`)."""
        return contextlib.nullcontext()

    def ranked(self, now: dt.datetime, limit: int, offset: int, *, title=False):
        """SQL and parameters for a page by relevance times recency."""
        raise NotImplementedError

    def candidates(self, limit: int, offset: int = 0):
        """SQL and parameters for at most `limit` matches (every filter applied) with what
        `search.ranking` orders them by; when there are more, the engine's own score picks
        them. Every match when there are no more than `limit`, so both engines then give
        `search.ranking` the same documents."""
        raise NotImplementedError

    def newest(self, limit: int, offset: int, *, title: bool):
        """SQL and parameters for a page, newest first, of the title matches (title=True)
        or of the other matches (title=False)."""
        raise NotImplementedError

    def object_ids(self, limit: int) -> tuple[str, list]:
        """SQL and parameters for the object ids of the first `limit` matches (every filter
        applied), newest first: for a listing that keeps its own order and pages."""
        raise NotImplementedError


def _fts(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _either(alternatives: list[tuple[str, ...]], quote, both: str, either: str) -> str:
    """A query word's alternatives (`QueryGroup.alternatives`) in an engine's syntax: the
    terms of one alternative joined by `both`, the alternatives by `either`."""
    expressions = [
        quote(terms[0]) if len(terms) == 1 else "(" + both.join(map(quote, terms)) + ")"
        for terms in alternatives
    ]
    return expressions[0] if len(expressions) == 1 else f"({either.join(expressions)})"


class SQLiteEngine(Engine):
    def _words(self, columns: str) -> str:
        # Spellings without æøå are indexed as parts: only where part_terms is searched.
        folded = "part_terms" in columns
        expressions = [
            _either(group.alternatives(folded=folded), _fts, " AND ", " OR ")
            for group in self.groups
        ]
        joiner = " OR " if self.any_of else " AND "
        return f"{{{columns}}} : ({joiner.join(expressions)})"

    def match(self, *, title: bool = False, with_kinds: bool = True) -> str:
        columns = "title_terms" if title else "title_terms body_terms part_terms"
        clauses = [self._words(columns)]
        for terms in self.filters.facet_groups(with_kinds):
            clauses.append(f"{{facet_terms}} : ({' OR '.join(_fts(term) for term in terms)})")
        return " AND ".join(clauses)

    def _matching(self, expression: str) -> tuple[str, list]:
        """Documents matching: their ids from the index, dates checked on the table."""
        dates, params = self.filters.date_sql()
        return (
            f"FROM {FTS} JOIN {DOCUMENTS} d ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s{dates}",
            [expression, *params],
        )

    def _capped_count(self, match: str) -> tuple[str, list]:
        """A count of the matches of `match` (SQL) that stops at a LIMIT: FTS5 reads its
        document lists incrementally, so a broad word costs cap rows, not all of them. The
        table is only joined when exact dates must be checked."""
        dates, params = self.filters.date_sql()
        if dates:
            rows = (
                f"SELECT 1 FROM {FTS} JOIN {DOCUMENTS} d ON d.id = {FTS}.rowid "  # noqa: S608
                f"WHERE {FTS} MATCH {match}{dates}"
            )
        else:
            rows = f"SELECT 1 FROM {FTS} WHERE {FTS} MATCH {match}"  # noqa: S608
        return f"(SELECT COUNT(*) FROM ({rows} LIMIT %s))", params  # noqa: S608

    def counts(self, cursor, cap):
        # One pass over at most cap + 1 matches, grouped by kind, as on PostgreSQL: the
        # same answer on both engines. (Counting kind by kind up to the cap, each kind's
        # filter term intersected by FTS5, read up to seven times as many rows: 19 ms
        # on average at 100,000 documents.)
        dates, params = self.filters.date_sql()
        cursor.execute(
            f"SELECT m.kind, COUNT(*) FROM (SELECT d.kind AS kind FROM {FTS} "  # noqa: S608
            f"JOIN {DOCUMENTS} d ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s{dates} "
            "LIMIT %s) m GROUP BY m.kind",
            [self.match(with_kinds=False), *params, cap + 1],
        )
        counts = dict(cursor.fetchall())
        self.counts_are_floors = sum(counts.values()) > cap
        return counts

    def title_count(self, cursor, cap, *, title=True):
        count, params = self._capped_count("%s")
        cursor.execute(f"SELECT {count}", [self.match(title=title), *params, cap + 1])
        return cursor.fetchone()[0]

    def ranked(self, now, limit, offset, *, title=False):
        sql, params = self._matching(self.match(title=title))
        score = (
            f"bm25({FTS}, 10.0, 1.0, 0.3, 0.0) * ({RECENCY_FLOOR} + {1 - RECENCY_FLOOR} / "
            f"(1.0 + MAX(0.0, COALESCE(julianday(%s) - julianday(d.date), {UNDATED_AGE_DAYS}))"
            f" / {HALF_LIFE_DAYS}))"
        )
        # bm25 is negative (more negative is better): ascending order is best first. The
        # inner query ranks ids only; the outer reads the few documents shown.
        return (
            f"SELECT {COLUMNS}, r.score FROM (SELECT d.id AS id, {score} AS score {sql} "  # noqa: S608
            "ORDER BY score, d.id LIMIT %s OFFSET %s) r "
            f"JOIN {DOCUMENTS} d ON d.id = r.id ORDER BY r.score, d.id",
            [now.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"), *params, limit, offset],
        )

    def candidates(self, limit, offset=0):
        sql, params = self._matching(self.match())
        return (
            f"SELECT {COLUMNS}, {RANKING_COLUMNS}, bm25({FTS}, 10.0, 1.0, 0.3, 0.0) AS score "
            f"{sql} ORDER BY score, d.id LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )

    def object_ids(self, limit):
        sql, params = self._matching(self.match())
        return (
            f"SELECT d.object_id {sql} ORDER BY d.date DESC, d.id DESC LIMIT %s",
            [*params, limit],
        )

    def newest(self, limit, offset, *, title):
        dates, params = self.filters.date_sql(always=True)
        if offset + limit <= PROBE_WITHIN:
            # Near the top: walk the dates down from the range's end and ask FTS5 about
            # each row (a seek in its lists, about 25 µs); a broad search has a match in
            # every 50 rows or fewer. (0.1 ms against 70 ms for a word in 90 % of 100,000.)
            where = f"EXISTS (SELECT 1 FROM {FTS} f WHERE f.{FTS} MATCH %s AND f.rowid = d.id)"  # noqa: S608
        else:
            # Deeper: list the matching ids once (time in proportion to the matches).
            where = f"d.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608
        if title:
            match_params = [self.match(title=True)]
        else:
            # FTS5 subtracts the title matches itself.
            match_params = [f"({self.match()}) NOT {self._words('title_terms')}"]
        # INDEXED BY: walk the dates from the newest and stop after a page, instead of
        # sorting every match (the planner cannot know how dense the matches are).
        return (
            f"SELECT {COLUMNS}, 0.0 AS score FROM {DOCUMENTS} d "  # noqa: S608
            f"INDEXED BY search_document_date WHERE {where}{dates} "
            "ORDER BY d.date DESC, d.id DESC LIMIT %s OFFSET %s",
            [*match_params, *params, limit, offset],
        )


class _Statistics:
    """What PostgreSQL's statistics (ANALYZE, run by autovacuum) say of the index's columns:
    the number of rows and, per vector column, the share of rows that hold each of its
    most common terms (pg_stats.most_common_elems), read at most every
    STATISTICS_SECONDS per process, in the statement that starts a search. A term not
    among them is rarer than the rarest that is; a column without statistics (never
    analysed) says nothing."""

    def __init__(self):
        self.read_at = -STATISTICS_SECONDS
        self.rows = 0.0
        self.columns: dict[str, tuple[dict[str, float], float]] = {}

    # Columns for the statement that starts a search (`_Planned`), when they are stale.
    SELECT = (
        "(SELECT reltuples FROM pg_class WHERE oid = %s::regclass), "
        "(SELECT json_agg(json_build_array(attname, most_common_elems::text::text[], "
        "most_common_elem_freqs))::text FROM pg_stats WHERE schemaname = current_schema() "
        "AND tablename = %s AND attname IN ('search_vector', 'title_vector', 'facet_vector'))"
    )

    @property
    def stale(self) -> bool:
        return time.monotonic() - self.read_at >= STATISTICS_SECONDS

    def load(self, rows: float | None, columns: str | None) -> None:
        shares_by_column = {}
        for name, terms, shares in json.loads(columns or "[]"):
            if terms and shares and len(shares) > len(terms):
                # After the terms' shares come the least and the greatest share.
                least = shares[len(terms)]
                shares_by_column[name] = (dict(zip(terms, shares, strict=False)), least)
        self.rows, self.columns = max(rows or 0.0, 0.0), shares_by_column
        self.read_at = time.monotonic()

    def forget(self) -> None:
        """Read them again with the next search (after ANALYZE)."""
        self.read_at = -STATISTICS_SECONDS

    def share(self, column: str, term: str) -> float | None:
        """The share of rows whose `column` holds `term` (None: not known)."""
        if column not in self.columns:
            return None
        shares, least = self.columns[column]
        return shares.get(term, least / 2)


_statistics = _Statistics()


class _Planned:
    """On PostgreSQL, the statements of one search run in a transaction that plans them
    from the words' index (bitmap scans, no sequential scan) and without JIT compilation.

    Why: a sequential scan looks cheap to the planner for a word in a fifth of the
    documents, but it tests each row's search vector, stored out of line (TOAST), at about
    25 µs a row; the bitmap scan of the GIN index answers from the index and reads rows
    only for what it returns (measured 130-280 ms against 20-60 ms for 5,000 matches at
    100,000 documents). JIT compiling took 0.5 s for a plan whose cost estimate was high.
    Both settings are LOCAL: they end with the transaction. Inside a caller's transaction
    (a view in ATOMIC_REQUESTS, a test) they are set back when the search is done, so the
    caller's later statements are planned as before."""

    def __enter__(self):
        self.nested = connection.in_atomic_block
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        statistics = _statistics.stale
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
                "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
                + (f", {_Statistics.SELECT}" if statistics else ""),
                [DOCUMENTS, DOCUMENTS] if statistics else [],
            )
            row = cursor.fetchone()
        self.before = row[:2]
        if statistics:
            _statistics.load(*row[4:6])

    def __exit__(self, *exc):
        if self.nested and exc[0] is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true), set_config('jit', %s, true)",
                    list(self.before),
                )
        return self.atomic.__exit__(*exc)


def _ts(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _and_postings(shares: list[float]) -> float:
    """The postings (as shares of the rows) the GIN index reads for an AND of terms: all of
    the rarest's, and of each other term at most SKIP_POSTINGS for each of those (the
    index skips ahead in a long list to the rarest term's next match)."""
    if not shares:
        return 0.0
    rarest = min(shares)
    return (
        rarest
        + sum(min(share, SKIP_POSTINGS * rarest) for share in shares)
        - min(rarest, SKIP_POSTINGS * rarest)
    )


class PostgreSQLEngine(Engine):
    def object_ids(self, limit):
        where, params = self._where()
        return (
            f"SELECT d.object_id FROM {DOCUMENTS} d WHERE {where} "  # noqa: S608
            "ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT %s",
            [*params, limit],
        )

    def planned(self):
        return _Planned()

    def tsquery(self, *, title: bool = False) -> str:
        # Spellings without æøå are indexed as parts, not in the title.
        expressions = [
            _either(group.alternatives(folded=not title), _ts, " & ", " | ")
            for group in self.groups
        ]
        return (" | " if self.any_of else " & ").join(expressions)

    def candidates(self, limit, offset=0):
        where, params = self._where()
        return (
            f"SELECT {COLUMNS}, {RANKING_COLUMNS}, ts_rank('{{0.1, 0.2, 0.4, 1.0}}', "  # noqa: S608
            "d.search_vector, to_tsquery('simple'::regconfig, %s)) AS score "
            f"FROM {DOCUMENTS} d WHERE {where} ORDER BY score DESC, d.id LIMIT %s OFFSET %s",
            [self.tsquery(), *params, limit, offset],
        )

    def _where(self, *, title: bool = False, with_kinds: bool = True) -> tuple[str, list]:
        vector = "title_vector" if title else "search_vector"
        where = [f"d.{vector} @@ to_tsquery('simple'::regconfig, %s)"]
        params = [self.tsquery(title=title)]
        facets = self.filters.facet_groups(with_kinds)
        if facets:
            # The words' (and the title's) GIN index covers the filter terms too
            # (migration 0003): one index scan intersects both, and only rows that have
            # the words and pass the filters are read.
            where.append("d.facet_vector @@ to_tsquery('simple'::regconfig, %s)")
            params.append(" & ".join("(" + " | ".join(map(_ts, terms)) + ")" for terms in facets))
        dates, date_params = self.filters.date_sql()
        return " AND ".join(where) + dates, params + date_params

    def counts(self, cursor, cap):
        # One pass over at most cap + 1 matches, grouped by kind. Each row costs a test of
        # its (TOASTed) vector, so counting kind by kind up to the cap (as on SQLite, where
        # FTS5 counts from its own lists) would cost up to seven times as much, and the
        # planner's estimate for that shape switched JIT compilation on (0.5 s). When the
        # pass stops at the cap, every kind's count is a floor (`counts_are_floors`).
        where, params = self._where(with_kinds=False)
        with self._capped_pass(cursor, cap, with_kinds=False):
            cursor.execute(
                f"SELECT s.kind, COUNT(*) FROM (SELECT d.kind FROM {DOCUMENTS} d "  # noqa: S608
                f"WHERE {where} LIMIT %s) s GROUP BY s.kind",
                [*params, cap + 1],
            )
            counts = dict(cursor.fetchall())
        self.counts_are_floors = sum(counts.values()) > cap
        return counts

    def title_count(self, cursor, cap, *, title=True):
        where, params = self._where(title=title)
        with self._capped_pass(cursor, cap, title=title):
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {DOCUMENTS} d WHERE {where} LIMIT %s) s",  # noqa: S608
                [*params, cap + 1],
            )
            return cursor.fetchone()[0]

    @contextlib.contextmanager
    def _capped_pass(self, cursor, cap: int, *, title: bool = False, with_kinds: bool = True):
        """A count that stops at the cap: planned as a walk of the table when the terms are
        so common that testing rows until the cap costs less than building the index's
        bitmap of all their matches ("kultur", in 99 % of the benchmark's million
        documents: 6 ms against 67 ms; "fylke", in a third: 21 ms against 55 ms);
        otherwise as the search's other statements are."""
        if not self._walk_is_cheaper(cap, title=title, with_kinds=with_kinds):
            yield
            return
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_bitmapscan'), "
            "set_config('enable_seqscan', 'on', true), "
            "set_config('enable_bitmapscan', 'off', true)"
        )
        before = cursor.fetchone()[:2]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), "
                "set_config('enable_bitmapscan', %s, true)",
                list(before),
            )

    def _walk_is_cheaper(self, cap: int, *, title: bool, with_kinds: bool) -> bool:
        """Whether walking the table until cap + 1 matches is estimated to cost less than
        the bitmap of every match. Without statistics, or with dates that only the table
        can check: no."""
        estimates = self.pass_estimates(cap, title=title, with_kinds=with_kinds)
        return estimates is not None and estimates[0] < estimates[1]

    def pass_estimates(
        self, cap: int, *, title: bool = False, with_kinds: bool = True
    ) -> tuple[float, float] | None:
        """The estimated cost (µs) of a capped count as a walk and as a bitmap, from
        PostgreSQL's statistics of the terms asked (taken as independent, as the planner
        does); None when they cannot say (`bench/search_bench.py --calibrate` prints them
        beside the times measured)."""
        if self.filters.has_dates:
            return None
        statistics = _statistics
        column = "title_vector" if title else "search_vector"
        groups = [(column, group.alternatives(folded=not title)) for group in self.groups]
        words = len(groups)
        for terms in self.filters.facet_groups(with_kinds):
            groups.append(("facet_vector", [(term,) for term in terms]))
        # Per group: the share of rows it matches, and the postings the index reads for it
        # (an alternative of several terms, a compound's parts, is an AND: `_and_postings`).
        shares, postings = [], []
        for name, alternatives in groups:
            group_share, group_postings = 0.0, 0.0
            for terms in alternatives:
                parts = [statistics.share(name, term) for term in terms]
                if None in parts:
                    return None
                group_share += math.prod(parts)
                group_postings += _and_postings(parts)
            shares.append(min(1.0, group_share))
            postings.append(group_postings)
        if self.any_of:
            share = min(1.0, sum(shares[:words])) * math.prod(shares[words:])
            read = sum(postings[:words]) + (
                _and_postings(postings[words:]) if postings[words:] else 0
            )
        else:
            share, read = math.prod(shares), _and_postings(postings)
        if share <= 0.0 or statistics.rows <= 0.0:
            return None
        walk = WALK_ROW_US[column] * min(statistics.rows, (cap + 1) / share)
        read *= statistics.rows
        bitmap = min(
            BITMAP_POSTING_US * read, LOSSY_POSTING_US * read + LOSSY_ROW_US * statistics.rows
        )
        return walk, bitmap

    def ranked(self, now, limit, offset, *, title=False):
        where, params = self._where(title=title)
        score = (
            "ts_rank('{0.1, 0.2, 0.4, 1.0}', d.search_vector, "
            "to_tsquery('simple'::regconfig, %s)) * "
            f"({RECENCY_FLOOR} + {1 - RECENCY_FLOOR} / (1.0 + GREATEST(0.0, COALESCE("
            f"EXTRACT(EPOCH FROM (%s - d.date)) / 86400.0, {UNDATED_AGE_DAYS})) "
            f"/ {HALF_LIFE_DAYS}))"
        )
        return (
            f"SELECT {COLUMNS}, r.score FROM (SELECT d.id AS id, {score} AS score "  # noqa: S608
            f"FROM {DOCUMENTS} d WHERE {where} ORDER BY score DESC, d.id LIMIT %s OFFSET %s) r "
            f"JOIN {DOCUMENTS} d ON d.id = r.id ORDER BY r.score DESC, d.id",
            [self.tsquery(), now, *params, limit, offset],
        )

    def newest(self, limit, offset, *, title):
        where, params = self._where(title=title)
        if not self.filters.has_dates:
            dates, date_params = self.filters.date_sql(always=True)
            where, params = where + dates, params + date_params
        if not title:
            where += " AND NOT (d.title_vector @@ to_tsquery('simple'::regconfig, %s))"
            params.append(self.tsquery(title=True))
        return (
            f"SELECT {COLUMNS}, 0.0 AS score FROM {DOCUMENTS} d WHERE {where} "  # noqa: S608
            "ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )


def engine_for(groups: list[QueryGroup], filters: Filters) -> Engine:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SQLiteEngine(groups, filters)
    if vendor == "postgresql":
        return PostgreSQLEngine(groups, filters)
    raise UnsupportedDatabase(f"search needs SQLite or PostgreSQL, not {vendor}")
