"""An English word for one of the network's things finds the Norwegian page that names it
(the site's content is Norwegian; its English readers search in English): a small
glossary, matched as an alternative of the English word, never instead of it."""

import pytest

from byregion.search import analysis
from byregion.search.query import search


def test_the_glossary_gives_the_norwegian_term_beside_the_english_one():
    [group] = analysis.query_groups("councils")
    assert group.translated == (analysis.analyse_word("råd").term,)
    [group] = analysis.query_groups("Samling")
    assert group.translated == ()  # a Norwegian word is left as it is


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("council Ålesund", "council:Rådet for Region Ålesund"),
        ("City Region Programme", "programme:Byregionprogrammet"),
        ("gatherings Ålesund", "gathering:Byregionsamling i Ålesund"),
    ],
)
def test_english_words_find_the_norwegian_page_among_the_first_three(demo_content, query, expected):
    top = [f"{hit.kind}:{hit.title}" for hit in search(query).hits[:3]]
    assert expected in top, top
