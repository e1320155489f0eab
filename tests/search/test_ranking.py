"""Ranking (search/ranking.py): field weights, title names first, example content last,
recency only between ties, the same order on both engines (the suite runs on both)."""

import datetime as dt

import pytest

from byregion.search.query import search

from .conftest import add_document

pytestmark = pytest.mark.django_db


def titles(query, **filters):
    return [hit.title for hit in search(query, **filters).hits]


def test_samlingen_lists_the_real_gatherings_before_the_generated_one(demo_content):
    """The issue's example: the generated 2027 gathering and its sessions came first."""
    hits = search("samlingen", per_page=10).hits
    real = [hit for hit in hits if hit.kind == "gathering" and "generert" not in hit.title]
    assert len(real) == 4
    first_example = next(i for i, hit in enumerate(hits) if "generert" in hit.title)
    assert first_example > max(hits.index(hit) for hit in real)


def test_a_title_that_is_the_query_comes_before_newer_pages_that_mention_it():
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    add_document(title="Nyhet fra Nordvikstrand", body="Nordvikstrand " * 3, date=now)
    add_document(
        title="Nordvikstrand", kind="municipality", date=dt.datetime(2017, 1, 1, tzinfo=dt.UTC)
    )
    add_document(title="Om turisme", body="Besøk Nordvikstrand og Geiranger.", date=now)
    assert titles("Nordvikstrand")[0] == "Nordvikstrand"


def test_a_title_that_is_the_query_as_one_compound_is_the_page_named():
    """ "Region Ålesund" names the region called Ålesundregionen (Norwegian writes the
    same name both ways, as "Region Stavanger" and Stavangerregionen): a title that is one
    compound of the query's words is the page named, before pages that only have the
    words among others. The judged set's one miss until December 2026."""
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    add_document(title="Ålesundregionen", kind="region", body="Ålesund og Sula.")
    add_document(title="Rådet for Region Ålesund", kind="council", body="Region Ålesund.")
    add_document(title="Region Ålesund i arbeid", body="Region Ålesund. " * 3, date=now)
    assert titles("Region Ålesund")[0] == "Ålesundregionen"
    assert titles("regionen ålesund")[0] == "Ålesundregionen"
    # Every part of the compound must be asked: "region" alone names no compound.
    assert titles("region")[0] != "Ålesundregionen"


def test_title_outweighs_summary_outweighs_body_outweighs_filed_under():
    day = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    add_document(title="D", context="fjellvegen", date=day)
    add_document(title="C", body="Om fjellvegen og annet " + "tekst " * 30, date=day)
    add_document(title="B", summary="Om fjellvegen.", date=day)
    add_document(title="A fjellvegen", date=day)
    assert titles("fjellvegen") == ["A fjellvegen", "B", "C", "D"]


def test_a_shorter_text_with_the_word_ranks_above_a_long_one_with_it_once():
    day = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    add_document(title="Lang", body="fjellvegen " + "annen tekst her " * 200, date=day)
    add_document(title="Kort", body="fjellvegen i kort tekst", date=day)
    assert titles("fjellvegen") == ["Kort", "Lang"]


def test_recency_breaks_ties_only():
    add_document(title="Eldre", body="Fjellvegen.", date=dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
    add_document(title="Nyere", body="Fjellvegen.", date=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    add_document(title="Fjellvegen", body="", date=dt.datetime(2010, 1, 1, tzinfo=dt.UTC))
    assert titles("fjellvegen") == ["Fjellvegen", "Nyere", "Eldre"]


def test_example_content_never_outranks_real_content():
    add_document(title="Fjellvegen", body="Fjellvegen fjellvegen.", is_example=True)
    add_document(title="Noe annet", body="Her står det om fjellvegen en gang " + "ord " * 50)
    assert titles("fjellvegen") == ["Noe annet", "Fjellvegen"]
