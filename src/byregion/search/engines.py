"""The two engines behind one interface: SQL for SQLite's FTS5 and PostgreSQL's tsvector.

Both receive the same analysed query (`analysis.QueryGroup`s), match the same terms and
apply the same filters; only ranking differs in detail (FTS5's bm25 with the title
weighted 10:1, PostgreSQL's ts_rank with weights A=1.0 for the title and B=0.4 for the
text), multiplied on both by the same recency factor.

Query strings for the engines are built from analysed terms only, each quoted, so nothing
a visitor types (quotes, stars, brackets, NEAR, AND/OR, column names) is ever read as the
engine's own syntax.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection

from .analysis import QueryGroup

DOCUMENTS = "byregion_search_document"
FACETS = "byregion_search_facet"
FTS = "byregion_search_fts"
# What a result needs; never the stored terms or PostgreSQL's vector.
COLUMNS = ", ".join(
    f"d.{name}"
    for name in (
        "id", "content_type_id", "object_id", "kind", "title", "summary", "body", "language",
        "url", "date", "organisation_id",
    )
)  # fmt: skip

# Recency: a document's score is multiplied by 1 / (1 + age / HALF_LIFE_DAYS), so one two
# years old counts half as much as one from today. Undated documents (organisations,
# municipalities) count as UNDATED_AGE_DAYS old: reference pages rank below today's news
# for an equally good match, above what is long past.
HALF_LIFE_DAYS = 730.0
UNDATED_AGE_DAYS = 365.0


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

    def sql(self, alias: str, *, with_kinds: bool = True) -> tuple[list[str], list]:
        where, params = [], []
        if with_kinds and self.kinds:
            where.append(f"{alias}.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += list(self.kinds)
        if self.language:
            where.append(f"{alias}.language = %s")
            params.append(self.language)
        if self.organisation is not None:
            where.append(f"{alias}.organisation_id = %s")
            params.append(self.organisation)
        if self.date_from is not None:
            where.append(f"{alias}.date >= %s")
            params.append(connection.ops.adapt_datetimefield_value(self.date_from))
        if self.date_to is not None:
            where.append(f"{alias}.date < %s")
            params.append(connection.ops.adapt_datetimefield_value(self.date_to))
        for name, values in (("region", self.regions), ("theme", self.themes)):
            if values:
                placeholders = ", ".join(["%s"] * len(values))
                where.append(
                    f"EXISTS (SELECT 1 FROM {FACETS} f WHERE f.document_id = {alias}.id "  # noqa: S608
                    f"AND f.name = %s AND f.value IN ({placeholders}))"
                )
                params += [name, *values]
        return where, params


@dataclass
class Engine:
    """Builds the two statements a search runs: the counts per type, and one ranked page."""

    groups: list[QueryGroup]
    filters: Filters = field(default_factory=Filters)

    def counts(self) -> tuple[str, list]:
        raise NotImplementedError

    def page(self, now: dt.datetime, limit: int, offset: int) -> tuple[str, list]:
        raise NotImplementedError


def _quote_fts(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SQLiteEngine(Engine):
    def match(self) -> str:
        """`"a" AND ("b" OR ("c" AND "d"))`: every group, a compound as itself or its parts."""
        expressions = []
        for group in self.groups:
            if group.split:
                parts = " AND ".join(_quote_fts(term) for term in group.split)
                expressions.append(f"({_quote_fts(group.term)} OR ({parts}))")
            else:
                expressions.append(_quote_fts(group.term))
        return " AND ".join(expressions)

    def _from_where(self, with_kinds: bool) -> tuple[str, list]:
        where, params = self.filters.sql("d", with_kinds=with_kinds)
        sql = f"FROM {FTS} JOIN {DOCUMENTS} d ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s" + "".join(
            f" AND {clause}" for clause in where
        )
        return sql, [self.match(), *params]

    def counts(self):
        sql, params = self._from_where(with_kinds=False)
        return f"SELECT d.kind, COUNT(*) {sql} GROUP BY d.kind", params

    def page(self, now, limit, offset):
        sql, params = self._from_where(with_kinds=True)
        score = (
            f"bm25({FTS}, 10.0, 1.0, 0.3) / (1.0 + MAX(0.0, COALESCE("
            f"julianday(%s) - julianday(d.date), {UNDATED_AGE_DAYS})) / {HALF_LIFE_DAYS})"
        )
        # bm25 is negative (more negative is better): ascending order is best first.
        return (
            f"SELECT {COLUMNS}, {score} AS score {sql} ORDER BY score, d.id LIMIT %s OFFSET %s",
            [now.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"), *params, limit, offset],
        )


def _quote_tsquery(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgreSQLEngine(Engine):
    def tsquery(self) -> str:
        expressions = []
        for group in self.groups:
            if group.split:
                parts = " & ".join(_quote_tsquery(term) for term in group.split)
                expressions.append(f"({_quote_tsquery(group.term)} | ({parts}))")
            else:
                expressions.append(_quote_tsquery(group.term))
        return " & ".join(expressions)

    def _from_where(self, with_kinds: bool) -> tuple[str, list]:
        where, params = self.filters.sql("d", with_kinds=with_kinds)
        sql = (
            f"FROM {DOCUMENTS} d WHERE d.search_vector @@ to_tsquery('simple'::regconfig, %s)"
            + "".join(f" AND {clause}" for clause in where)
        )
        return sql, [self.tsquery(), *params]

    def counts(self):
        sql, params = self._from_where(with_kinds=False)
        return f"SELECT d.kind, COUNT(*) {sql} GROUP BY d.kind", params

    def page(self, now, limit, offset):
        sql, params = self._from_where(with_kinds=True)
        score = (
            "ts_rank('{0.1, 0.2, 0.4, 1.0}', d.search_vector, to_tsquery('simple'::regconfig, %s))"
            " / (1.0 + GREATEST(0.0,"
            f" COALESCE(EXTRACT(EPOCH FROM (%s - d.date)) / 86400.0, {UNDATED_AGE_DAYS}))"
            f" / {HALF_LIFE_DAYS})"
        )
        return (
            f"SELECT {COLUMNS}, {score} AS score {sql} ORDER BY score DESC, d.id "
            "LIMIT %s OFFSET %s",
            [self.tsquery(), now, *params, limit, offset],
        )


def engine_for(groups: list[QueryGroup], filters: Filters) -> Engine:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SQLiteEngine(groups, filters)
    if vendor == "postgresql":
        return PostgreSQLEngine(groups, filters)
    raise UnsupportedDatabase(f"search needs SQLite or PostgreSQL, not {vendor}")
