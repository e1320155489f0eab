"""PostgreSQL's capped counts: a walk of the table for words in most documents, the index's
bitmap otherwise (search/engines.py, `PostgreSQLEngine.pass_estimates`), chosen from
PostgreSQL's own statistics of the words; the same answers either way."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byregion.search import analysis, engines
from byregion.search.engines import Filters, PostgreSQLEngine
from byregion.search.query import search

from .conftest import add_document

ROWS = 1_000_000


def term(word: str) -> str:
    (group,) = analysis.query_groups(word)
    return group.term


@pytest.fixture
def statistics(monkeypatch):
    """Statistics as ANALYZE would leave them on a large index, without the index."""
    known = engines._Statistics()
    monkeypatch.setattr(engines, "_statistics", known)

    def load(columns: dict[str, dict[str, float]], rows: float = ROWS):
        rows_json = []
        for column, shares in columns.items():
            least, most = min(shares.values()), max(shares.values())
            rows_json.append([column, list(shares), [*shares.values(), least, most, 0.0]])
        known.load(rows, json.dumps(rows_json))

    return load


def estimates(q: str, *, title: bool = False, **filters):
    engine = PostgreSQLEngine(analysis.query_groups(q), Filters(**filters))
    return engine.pass_estimates(engines.COUNT_CAP, title=title, with_kinds=False)


def walks(q: str, **options) -> bool:
    walk, bitmap = estimates(q, **options)
    return walk < bitmap


def test_words_in_most_documents_are_counted_by_a_walk(statistics):
    statistics({
        "search_vector": {term("kultur"): 0.99, term("fylke"): 0.32, term("politikk"): 0.05,
                          term("rådmann"): 0.004},
        "title_vector": {term("kultur"): 0.29},
        "facet_vector": {"knews": 0.4, "lnn": 0.4},
    })  # fmt: skip
    assert walks("kultur")  # 2,002 rows tested against a million postings
    assert walks("fylke")
    assert not walks("politikk")  # a walk of 40,000 rows costs more than the bitmap
    # An AND with a rare word: the index skips through the common word's list.
    assert not walks("rådmann kultur")
    assert walks("kultur", language="nn")
    # The title's vector is small and stored in the row: cheaper to test.
    assert walks("kultur", title=True)


def test_without_statistics_or_with_dates_on_the_table_the_bitmap_stays(statistics):
    import datetime as dt

    assert estimates("kultur") is None  # never analysed
    statistics({"search_vector": {term("kultur"): 0.99, term("rådmann"): 0.004}})
    assert estimates("kultur", title=True) is None  # the title's vector has none
    assert estimates("kultur", kinds=("news",)) is not None  # kinds are left out here
    noon = dt.datetime(2020, 1, 1, 12, tzinfo=dt.UTC)
    assert estimates("kultur", date_from=noon, date_to=noon + dt.timedelta(days=3)) is None
    # A word the statistics do not name is rarer than the rarest they do.
    assert not walks("sjeldsynt")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_walk_finds_what_the_bitmap_finds_and_sets_the_planner_back(monkeypatch):
    for number in range(40):
        add_document(
            title=f"Kultur {number}",
            body="Kultur i regionen.",
            kind=("news", "session")[number % 2],
        )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {engines.DOCUMENTS}")
    monkeypatch.setattr(engines, "_statistics", engines._Statistics())
    monkeypatch.setattr(engines, "BROAD", 5)
    monkeypatch.setattr(engines, "COUNT_CAP", 10)

    def run():
        with CaptureQueriesContext(connection) as captured:
            results = search("kultur", kinds=["news"], per_page=5)
        walked = any("'enable_bitmapscan', 'off'" in q["sql"] for q in captured.captured_queries)
        return walked, (results.counts, results.total, results.count_is_lower_bound,
                        [hit.title for hit in results.hits])  # fmt: skip

    walked, by_bitmap = run()
    assert not walked  # 40 rows: the bitmap is always cheaper
    monkeypatch.setattr(engines, "WALK_ROW_US", {"search_vector": 1e-9, "title_vector": 1e-9})
    walked, by_walk = run()
    assert walked and by_walk == by_bitmap
    assert by_walk[2] and by_walk[1] == 10  # counted past the cap: a floor
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_bitmapscan')"
        )
        assert cursor.fetchone() == ("on", "on")
