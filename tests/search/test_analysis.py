import pytest
from hypothesis import given
from hypothesis import strategies as st

from byregion.search import analysis


def terms(text):
    return [word.term for word in analysis.words(text)]


@pytest.mark.parametrize(
    "forms",
    [
        "byregion byregionen byregionar byregionane byregioner byregionene byregionens",
        "kommune kommunen kommunar kommunane kommuner kommunene kommunes",
        "samling samlinga samlingen samlingar samlingane samlinger samlingene",
        "utvikling utviklinga utviklingen",
        "næringsliv næringslivet",
        "innbyggjar innbyggjarar innbyggjarane innbygger innbyggere innbyggerne",
        "deltakar deltakarane deltaker deltakere deltakerne",
        "by byen byar byane byer byene",
        "verksemd verksemda verksemder virksomhet virksomheten virksomheter",
        "stadutvikling stedsutvikling",
        "samspel samspelet samspill samspillet",
        "leiar leiaren leder lederen",
    ],
)
def test_bokmal_and_nynorsk_forms_of_a_word_share_one_term(forms):
    assert len(set(terms(forms))) == 1, dict(zip(forms.split(), terms(forms), strict=True))


def test_different_words_keep_different_terms():
    assert len(set(terms("kommune region samling by fylke sted"))) == 6


def test_stop_words_of_both_standards_and_punctuation_are_dropped():
    assert terms("Korleis og hvordan? Ikkje/ikke frå (fra) «dei» — de!") == []
    assert terms("Møre og Romsdal, 1507: Ålesund.") == ["mør", "romsdal", "1507", "ålesund"]


def test_nynorsk_j_after_double_consonants_is_folded():
    assert analysis.fold_spelling("byggje") == "bygge"
    assert analysis.fold_spelling("innbyggjar") == "innbyggar"
    assert analysis.fold_spelling("kjenne") == "kjenne"  # at the start it is both standards'


def test_a_compound_is_indexed_whole_and_by_its_parts():
    words, parts = analysis.index_terms("Byregionsamlinga")
    assert words == "byregionsamling"
    assert set(parts.split()) == {"byregion", "samling", "by", "region"}


def test_the_linking_s_is_optional_between_the_standards():
    assert terms("næringsutvikling") == terms("næringutvikling")
    assert analysis.analyse_word("næringsutvikling").split == ("næring", "utvikling")


def test_a_query_compound_asks_for_the_whole_or_its_first_level_parts():
    [group] = analysis.query_groups("byregionsamlingane")
    assert group == analysis.QueryGroup("byregionsamling", ("byregion", "samling"))


def test_words_outside_the_lexicon_are_not_split():
    assert analysis.analyse_word("sentrumsplanen").parts == ("sentrum", "plan")
    assert analysis.analyse_word("bygda").parts == ()
    assert analysis.analyse_word("regionen").parts == ()


def test_a_query_is_deduplicated_and_capped():
    assert [g.term for g in analysis.query_groups("kommune kommunar Kommunane")] == ["kommun"]
    many = " ".join(f"ord{i}" for i in range(100))
    assert len(analysis.query_groups(many)) == analysis.MAX_QUERY_WORDS
    assert analysis.query_groups("x" * 100_000) == []  # one word too long to be a word
    assert len(analysis.query_groups("kommune " * 10_000 + "region")) == 1  # cut at 500


def test_positions_point_into_the_original_text():
    text = "Om Byregionane i Møre"
    assert [text[w.start : w.end] for w in analysis.words(text)] == ["Byregionane", "Møre"]


@given(st.text(max_size=300) | st.sampled_from(["İstanbul", "ﬁnans", "½", "Ǆ", "x" * 90]))
def test_terms_are_only_lower_case_letters_and_digits(text):
    whole, parts = analysis.index_terms(text)
    for term in f"{whole} {parts}".split():
        assert analysis.WORD.fullmatch(term), term
        assert term == term.lower()
    assert analysis.index_terms(text) == (whole, parts)
