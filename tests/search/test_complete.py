"""Suggestions while typing (search/complete.py, `/sok/forslag/`): titles to go to, the
names first, found from the first letters without æøå, and never a search."""

import datetime as dt

import pytest
from django.urls import reverse

from byregion.search import complete
from byregion.search.models import SearchDay, TitleWord

from .conftest import add_document

pytestmark = pytest.mark.django_db


def titles(text):
    return [s.title for s in complete.suggestions(text)]


def test_key_folds_what_is_typed_as_the_index_does():
    assert complete.key("Ålesund") == complete.key("aalesund") == complete.key("alesund")
    assert complete.key("Stjørdal") == complete.key("stjoerdal") == "stjordal"
    assert complete.title_keys("Guovdageaidnu - Kautokeino") == ["guovdageaidnu", "kautokeino"]
    assert complete.key("Kárášjohka") == "karasjohka"
    assert complete.key("Unjárga") == "unjarga"
    assert complete.key("Deatnu") == "deatnu"


def test_names_come_before_gatherings_and_pages_and_examples_last():
    add_document(kind="news", title="Ålesund vert vertskap", url="/a/",
                 date=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))  # fmt: skip
    add_document(kind="gathering", title="Byregionsamling i Ålesund", url="/g/",
                 date=dt.datetime(2017, 3, 22, tzinfo=dt.UTC))  # fmt: skip
    add_document(kind="gathering", title="Ålesund 2027 (eksempel)", url="/x/",
                 is_example=True, date=dt.datetime(2027, 3, 1, tzinfo=dt.UTC))  # fmt: skip
    add_document(kind="organisation", title="Ålesund kommune", url="/o/")
    add_document(kind="municipality", title="Ålesund", url="/m/")
    add_document(kind="session", title="Ålesund-økta", url="/s/")  # not suggested

    assert titles("åles") == [
        "Ålesund", "Ålesund kommune", "Byregionsamling i Ålesund",
        "Ålesund vert vertskap", "Ålesund 2027 (eksempel)",
    ]  # fmt: skip
    assert titles("aales") == titles("ales") == titles("ÅLES")


def test_the_word_typed_whole_comes_before_longer_words_and_newer_pages_first():
    add_document(kind="news", title="Kollektivtransport i regionen", url="/1/",
                 date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    add_document(kind="news", title="Kollektiv satsing", url="/2/",
                 date=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    add_document(kind="news", title="Kollektiv framtid", url="/3/",
                 date=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    assert titles("kollektiv") == [
        "Kollektiv framtid",
        "Kollektiv satsing",
        "Kollektivtransport i regionen",
    ]


def test_every_word_typed_must_begin_a_word_of_the_title():
    add_document(kind="county", title="Møre og Romsdal", url="/c/")  # not a suggested kind
    add_document(kind="organisation", title="Møre og Romsdal fylkeskommune", url="/f/")
    add_document(kind="organisation", title="Romsdal museum", url="/r/")
    assert titles("more og roms") == ["Møre og Romsdal fylkeskommune"]
    assert titles("romsdal fyl") == ["Møre og Romsdal fylkeskommune"]
    assert titles("roms") == ["Romsdal museum", "Møre og Romsdal fylkeskommune"]


def test_too_little_typed_or_nothing_found_suggests_nothing():
    add_document(kind="organisation", title="Ålesund kommune", url="/o/")
    assert titles("å") == titles("") == titles("  -- ") == []
    assert titles("xyzzy") == []


def test_at_most_eight_and_each_page_once():
    for n in range(12):
        add_document(kind="organisation", title=f"Region test {n}", url=f"/{n}/")
    add_document(kind="news", title="Region test 0 igjen", url="/0/")
    found = complete.suggestions("region")
    assert len(found) == complete.LIMIT
    assert len({s.url for s in found}) == complete.LIMIT


def test_the_words_follow_the_document(demo_content):
    from byregion.organisations.models import Organisation

    organisation = Organisation.objects.get(name="Ålesund kommune")
    assert "Ålesund kommune" in titles("ålesund")
    organisation.name = "Ålesund bykommune"
    organisation.save()
    assert "Ålesund bykommune" in titles("bykom")
    assert "Ålesund kommune" not in titles("ålesund")
    added = Organisation.objects.create(
        name="Bykommuneforbundet", slug="bykommuneforbundet", kind=organisation.kind
    )
    assert titles("bykom") == ["Ålesund bykommune", "Bykommuneforbundet"]
    added.delete()
    assert titles("bykom") == ["Ålesund bykommune"]
    assert not TitleWord.objects.filter(word="bykommuneforbundet").exists()
    organisation.name = "Ålesund kommune"
    organisation.save()
    assert titles("bykom") == []
    assert not TitleWord.objects.filter(word="bykommune").exists()


def test_a_rebuild_writes_the_same_words(demo_content):
    from byregion.search.index import rebuild

    before = titles("møre")
    words = set(TitleWord.objects.values_list("word", "tier"))
    rebuild()
    assert titles("møre") == before
    assert set(TitleWord.objects.values_list("word", "tier")) == words


def test_an_unpublished_article_is_no_longer_suggested(demo_content):
    from byregion.news.models import NewsArticlePage
    from byregion.search.models import Document

    article = NewsArticlePage.objects.live().first()
    url = Document.objects.get(kind="news", object_id=article.pk).url

    def urls():
        return [s.url for s in complete.suggestions(article.title)]

    assert url in urls()
    article.unpublish()
    assert url not in urls()


def test_the_endpoint_answers_json_in_the_readers_language_and_counts_nothing(client):
    add_document(kind="organisation", title="Testøy kommune", url="/organisasjoner/testoy/")
    response = client.get(reverse("search:suggestions"), {"q": "testøy"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    assert response.json()["suggestions"] == [
        {"title": "Testøy kommune", "type": "organisation", "label": "Organisasjon",
         "url": "/organisasjoner/testoy/", "language": "nb"}
    ]  # fmt: skip
    nynorsk = client.get("/nn/sok/forslag/", {"q": "testoe"}).json()["suggestions"]
    assert nynorsk[0]["url"] == "/nn/organisasjoner/testoy/"
    assert client.get(reverse("search:suggestions"), {"q": "x" * 5000}).json() == {
        "query": "x" * 500, "suggestions": []
    }  # fmt: skip
    assert client.get(reverse("search:suggestions")).json()["suggestions"] == []
    assert not SearchDay.objects.exists()


def test_a_lookup_costs_one_query_per_tier_looked_in(django_assert_max_num_queries):
    for n in range(30):
        add_document(kind="news", title=f"Samling nummer {n}", url=f"/{n}/",
                     date=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    with django_assert_max_num_queries(5):  # three empty tiers, then pages: ids and titles
        assert len(complete.suggestions("saml")) == complete.LIMIT
