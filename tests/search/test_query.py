"""search(): matching, filters, counts per type, ranking, snippets and its query budget."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from byregion.search.query import search

from .conftest import add_document

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
# PostgreSQL runs a search's statements in a transaction planned from the words' index
# (engines._Planned): in a test's transaction a savepoint, its settings, the settings set
# back and the release.
PLANNING = 4 if connection.vendor == "postgresql" else 0


def titles(results):
    return [hit.title for hit in results.hits]


def test_every_word_must_match_in_any_form():
    add_document(title="Kommunane i byregionen", body="Samlinga var i Ålesund.")
    add_document(title="Kommunene", body="Ingen samling her.")
    assert titles(search("kommuner byregioner")) == ["Kommunane i byregionen"]
    assert search("kommune samlinger").total == 2
    # Nothing has every word: the documents with some of them, said so (never a bare
    # zero-hit page while something matches).
    relaxed = search("kommune fylke")
    assert relaxed.relaxed and relaxed.total == 2
    assert not search("kommune samlinger").relaxed


def test_filters_narrow_and_counts_per_type_ignore_the_type_filter():
    add_document(title="Byregion A", kind="news", language="nn", region_ids=[1], theme_ids=[5],
                 organisation_id=7, date=dt.datetime(2018, 4, 18, tzinfo=dt.UTC))  # fmt: skip
    add_document(title="Byregion B", kind="news", language="nb", region_ids=[2],
                 date=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    add_document(title="Byregion C", kind="gathering", language="nb", region_ids=[1, 2])
    everything = search("byregion")
    assert everything.total == 3
    assert everything.counts == {"gathering": 1, "news": 2}

    news = search("byregion", kinds=["news"])
    assert news.total == 2
    assert news.counts == {"gathering": 1, "news": 2}  # the tabs still show the others
    assert set(titles(news)) == {"Byregion A", "Byregion B"}

    assert titles(search("byregion", regions=[1], kinds="news")) == ["Byregion A"]
    assert set(titles(search("byregion", regions=[1]))) == {"Byregion A", "Byregion C"}
    assert titles(search("byregion", themes=[5])) == ["Byregion A"]
    assert titles(search("byregion", organisation=7)) == ["Byregion A"]
    assert titles(search("byregion", language="nn")) == ["Byregion A"]
    assert titles(
        search("byregion", date_from=dt.date(2018, 4, 18), date_to=dt.date(2018, 4, 18))
    ) == ["Byregion A"]
    assert titles(search("byregion", date_from=dt.date(2019, 1, 1))) == ["Byregion B"]
    assert search("byregion", regions=[99]).total == 0


def test_a_title_match_ranks_above_a_text_match():
    add_document(title="Om sentrum", body="Rapporten handlar om kollektivtransport.")
    add_document(title="Kollektivtransport", body="Ein rapport.")
    assert titles(search("kollektivtransporten", now=NOW))[0] == "Kollektivtransport"


def test_recent_ranks_above_old_for_the_same_match():
    add_document(title="Samling", date=dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
    add_document(title="Samling", body="", date=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    hits = search("samlinga", now=NOW).hits
    assert [hit.date.year for hit in hits] == [2026, 2015]


def test_a_whole_word_ranks_above_a_compound_part():
    add_document(title="Byregionen", body="")
    add_document(title="Byen", body="")
    assert titles(search("byane", now=NOW)) == ["Byen", "Byregionen"]


def test_snippets_mark_the_forms_that_matched_and_escape_the_text():
    add_document(
        title="Byregionane <b>no</b>",
        body="Innleiing. "
        + "Fyllord " * 40
        + "Kommunane & byregionar samarbeider. "
        + "Slutt " * 40,
    )
    hit = search("kommuner byregion").hits[0]
    assert hit.title_html == "<mark>Byregionane</mark> &lt;b&gt;no&lt;/b&gt;"
    html = str(hit.snippet_html)
    assert "<mark>Kommunane</mark> &amp; <mark>byregionar</mark> samarbeider" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert "Innleiing" not in html
    assert hit.snippet.text.count(" ") < 45


def test_pages_and_a_page_past_the_end():
    for number in range(12):
        add_document(title=f"Samling {number}")
    first, second = search("samling", per_page=10), search("samling", page=2, per_page=10)
    assert (len(first.hits), len(second.hits), first.pages, first.has_next) == (10, 2, 2, True)
    assert not {h.title for h in first.hits} & {h.title for h in second.hits}
    assert search("samling", page=9).hits == []
    assert search("samling", per_page=1000).per_page == 50


def test_at_most_two_queries_and_none_for_nothing_searchable(
    django_assert_max_num_queries, django_assert_num_queries
):
    for number in range(30):
        add_document(title=f"Byregion {number}", region_ids=[1, 2], theme_ids=[3])
    with django_assert_max_num_queries(2 + PLANNING):
        results = search("byregionane", regions=[1], themes=[3], kinds=["news"], language="nb",
                         date_from=None, page=2, per_page=10)  # fmt: skip
        assert len(results.hits) == 10
    search("finst ikkje")  # reads the vocabulary for "did you mean" (kept until it changes)
    with django_assert_num_queries(1 + PLANNING):
        assert search("finst ikkje").total == 0  # no matches: the page is not asked for
    with django_assert_num_queries(0):
        assert search("  og ikkje ?! ").is_empty_query
        assert search("").hits == []


def test_the_default_now_is_the_current_time():
    add_document(title="Samling", date=timezone.now())
    assert search("samling").hits[0].score != 0


def test_broad_queries_list_title_matches_then_the_rest_newest_first(
    monkeypatch, django_assert_max_num_queries
):
    from byregion.search import engines

    monkeypatch.setattr(engines, "BROAD", 3)
    for year in (2016, 2019, 2022):
        add_document(title=f"Kommunane {year}", date=dt.datetime(year, 1, 1, tzinfo=dt.UTC))
    for year in (2015, 2020, 2024):
        add_document(title=f"Tekst {year}", body="Om kommunen.",
                     date=dt.datetime(year, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    add_document(title="Tekst utan dato", body="Om kommunen.")
    expected = ["Kommunane 2022", "Kommunane 2019", "Kommunane 2016",
                "Tekst 2024", "Tekst 2020", "Tekst 2015", "Tekst utan dato"]  # fmt: skip
    with django_assert_max_num_queries(4 + PLANNING):
        results = search("kommune", per_page=10)
    assert results.order == "recent"
    assert titles(results) == expected
    paged = [titles(search("kommune", page=page, per_page=2)) for page in (1, 2, 3, 4)]
    assert [title for page in paged for title in page] == expected  # pages meet
    assert titles(search("kommune", kinds=["news"], date_from=dt.date(2019, 1, 1))) == [
        "Kommunane 2022", "Kommunane 2019", "Tekst 2024", "Tekst 2020"
    ]  # fmt: skip
    monkeypatch.setattr(engines, "BROAD", 2)  # the title matches too are many: newest first
    assert titles(search("kommune", per_page=4)) == expected[:4]
    assert titles(search("kommune", page=2, per_page=4)) == expected[4:]
    monkeypatch.setattr(engines, "BROAD", 100)
    assert search("kommune").order == "relevance"


def test_date_ranges_follow_norwegian_dates_at_month_edges(django_assert_max_num_queries):
    # 23:30 UTC on 31 January is 1 February in Norway.
    add_document(title="Samling feb", date=dt.datetime(2020, 1, 31, 23, 30, tzinfo=dt.UTC))
    add_document(title="Samling jan", date=dt.datetime(2020, 1, 31, 22, 30, tzinfo=dt.UTC))
    add_document(title="Samling utan dato")
    january = search("samling", date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 1, 31))
    assert titles(january) == ["Samling jan"]  # whole months: answered by month terms
    february = search("samling", date_from=dt.date(2020, 2, 1), date_to=dt.date(2020, 2, 10))
    assert titles(february) == ["Samling feb"]  # part of a month: exact dates checked
    assert titles(search("samling", date_to=dt.date(2020, 1, 31))) == ["Samling jan"]
    with django_assert_max_num_queries(2 + PLANNING):
        assert (
            search("samling", date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 12, 31)).total
            == 0
        )


def test_counting_stops_at_the_cap_and_says_so(monkeypatch, django_assert_max_num_queries):
    from byregion.search import engines

    monkeypatch.setattr(engines, "BROAD", 2)
    monkeypatch.setattr(engines, "COUNT_CAP", 4)
    for year in range(2015, 2022):  # 7 news, the newest first in the listing
        add_document(title=f"Kommunane {year}", date=dt.datetime(year, 1, 1, tzinfo=dt.UTC))
    add_document(title="Kommunen", kind="gathering", date=dt.datetime(2023, 1, 1, tzinfo=dt.UTC))
    with django_assert_max_num_queries(4 + PLANNING):
        results = search("kommune", per_page=3)
    # Counting is one pass that stops at the cap: then every count is a floor and a type
    # the pass did not reach is missing. No count is above the truth.
    assert results.capped_kinds == set(results.counts)
    # cap + 1 = 5 seen, in the engine's order (which rows depends on where the table
    # stored them), each type's count at most the cap.
    assert 4 <= sum(results.counts.values()) <= 5
    assert all(0 < n <= {"gathering": 1, "news": 7}[kind] for kind, n in results.counts.items())
    assert results.count_is_lower_bound and results.order == "recent"
    assert results.total >= 4 and results.pages == 2  # only the first COUNT_CAP are listed
    listed = [titles(search("kommune", page=page, per_page=3)) for page in (1, 2, 3)]
    assert listed == [
        ["Kommunen", "Kommunane 2021", "Kommunane 2020"], ["Kommunane 2019"], []
    ]  # fmt: skip
    gatherings = search("kommune", kinds=["gathering"])
    assert (gatherings.total, gatherings.count_is_lower_bound) == (1, False)
    assert titles(gatherings) == ["Kommunen"]
    # Under the cap every count is exact, with a date range checked on the table too.
    monkeypatch.setattr(engines, "COUNT_CAP", 100)
    monkeypatch.setattr(engines, "BROAD", 100)
    exact = search("kommune", date_from=dt.date(2016, 6, 1), date_to=dt.date(2023, 1, 1))
    assert (exact.counts, exact.capped_kinds, exact.count_is_lower_bound) == (
        {"gathering": 1, "news": 5}, frozenset(), False
    )  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner settings")
def test_the_planner_settings_end_with_the_search():
    add_document(title="Samling")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        before = cursor.fetchone()
        assert search("samling").total == 1
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        assert cursor.fetchone() == before
