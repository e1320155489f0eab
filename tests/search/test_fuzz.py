"""Nothing a visitor types makes a search fail: engine syntax, quotes, operators, control
characters, very long strings. Runs on whichever database the suite uses (both in CI)."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from byregion.search.query import search

from .conftest import add_document

pytestmark = pytest.mark.django_db

ENGINE_SYNTAX = st.sampled_from(
    ['"', "'", "*", "(", ")", "NEAR", "NEAR(a b, 2)", "AND", "OR", "NOT", "^", ":", "-", "+",
     "title_terms:", "&", "|", "!", "<->", "\\", "%", "_", ";", "--", "/*", "\x00", "{", "}"]
)  # fmt: skip
WORDS = st.sampled_from(["kommune", "byregionane", "samling", "næringsutvikling", "Ålesund"])
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(ENGINE_SYNTAX, WORDS, st.text(max_size=5)), max_size=20).map(" ".join),
    st.lists(st.one_of(ENGINE_SYNTAX, WORDS), max_size=30).map("".join),
)


@pytest.fixture
def indexed_documents():
    add_document(title="Byregionane samlast i Ålesund", body="Kommunane og næringsutvikling.")
    add_document(title='Sitat: "NEAR" og (parentesar)*', body="AND OR NOT")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=QUERIES)
@example(q="")
@example(q='"')
@example(q='kommune" OR "x')
@example(q="NEAR(kommune samling)")
@example(q="title_terms: kommune")
@example(q="kommune*")
@example(q="(((")
@example(q="'); DROP TABLE byregion_search_document; --")
@example(q="a" * 5000)
@example(q="kommune " * 2000)
@example(q="ø" * 70 + " kommune")
@example(q="\x00kommune")
def test_any_query_answers_without_error(indexed_documents, q):
    results = search(q, per_page=5)
    assert results.total >= len(results.hits)
    for hit in results.hits:
        assert str(hit.snippet_html) is not None
