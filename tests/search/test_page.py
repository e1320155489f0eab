"""The search page and the theme pages, on the demo content."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection

pytestmark = pytest.mark.django_db

# Rendered, not answered from the page cache (`uncached`); the site, its header and footer
# come from the cache.
SEARCH_BUDGET = 11  # the filters' choices, the search (2), the publishers, and for a search
# with few results the vocabulary of "did you mean" (read at most once a minute); a first
# page's count in the statistics (1, 2 when it found nothing, in a savepoint: 2 more;
# search/stats.py)
# On PostgreSQL a search inside the test's transaction also sets two planner settings for
# itself and puts them back after (search/engines.py): four statements more.
if connection.vendor == "postgresql":
    SEARCH_BUDGET += 4
THEME_BUDGET = 5  # the theme, its four groups


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def hits(soup):
    return [
        (li.select_one(".ds-tag").get_text(strip=True), " ".join(li.h3.get_text().split()))
        for li in soup.select(".search-hit")
    ]


def test_the_demo_answers_the_issues_queries(client, demo_content):
    soup = get(client, "/sok/?q=byregionsamling&type=news")
    assert ("Nyhet", "Byregionsamling i Ålesund") in hits(soup)

    for query in ("samlinga", "samlingen"):
        soup = get(client, f"/sok/?q={query}&type=gathering")
        assert ("Samling", "Byregionsamling i Ålesund") in hits(soup), query

    soup = get(client, "/sok/?q=kommunar&type=municipality")  # Nynorsk finds Bokmål text
    assert ("Kommune", "Ålesund (1507)") in hits(get(client, "/sok/?q=kommunar+ålesund"))
    assert len(hits(soup)) == 10

    soup = get(client, "/sok/?q=byregionene&type=news")  # Bokmål finds the Nynorsk article
    assert ("Nyhet", "Byregionsamling i Ålesund") in hits(soup)


@pytest.mark.parametrize("query", ["byregionane", "næringsutvikling"])
def test_the_done_when_queries_find_the_article_the_gathering_and_the_experiences(
    query, demo_content
):
    """Issue 6's "done when": each query finds the Ålesund article, the gathering and
    all of Region Ålesund's experiences (each part of the region's City Region project,
    whose goal was a city region for business and community life)."""
    from byregion.knowledge.models import ExperiencePage
    from byregion.search.query import search

    def found(kind):
        return {hit.title for hit in search(query, kinds=[kind], per_page=50).hits}

    assert "Byregionsamling i Ålesund" in found("news")
    assert "Byregionsamling i Ålesund" in found("gathering")
    experiences = set(
        ExperiencePage.objects.live()
        .filter(regions__slug="alesundregionen")
        .values_list("title", flat=True)
    )
    assert len(experiences) == 5
    assert experiences <= found("experience")


def test_results_are_marked_tabbed_and_each_in_its_own_language(client, demo_content):
    soup = get(client, "/en/sok/?q=byregionsamling")
    link = next(a for a in soup.select(".search-hit h3 a") if "Ålesund" in a.get_text())
    assert link["lang"] == "nn"
    assert link.mark.get_text() == "Byregionsamling"
    assert link["href"].startswith("/en/")
    tabs = {a.get_text(" ", strip=True): a for a in soup.select(".search-tabs a")}
    assert tabs["All 8"]["aria-current"] == "page"  # 4 gatherings, 3 sessions, 1 article
    assert "News 1" in tabs and tabs["News 1"]["href"] == "?q=byregionsamling&type=news"
    assert soup.select_one("#search-results-heading").get_text(strip=True) == (
        "8 results for “byregionsamling”"
    )
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"


def test_filters_live_in_the_address_and_bad_values_are_reported_in_the_readers_language(
    client, demo_content
):
    soup = get(client, "/nn/sok/?q=samlinga&region=finst-ikkje&from=2017-02-30&language=nn")
    alert = soup.select_one(".ds-alert").get_text(" ", strip=True)
    assert "Region: Velg eit gyldig valg." in alert  # Django's own message, in Nynorsk
    assert "ÅÅÅÅ-MM-DD" in alert
    assert soup.select_one("#id_q")["value"] == "samlinga"  # what was typed is kept
    assert soup.select_one("#id_from")["value"] == "2017-02-30"
    assert soup.select_one("#id_from")["aria-invalid"] == "true"
    assert soup.select_one("#id_language option[selected]")["value"] == "nn"
    assert hits(soup)  # the valid filters still searched

    soup = get(client, "/sok/?q=samlinga&from=2018-01-01&to=2017-01-01")
    assert "Til-datoen er før fra-datoen." in soup.select_one(".ds-alert").get_text()

    soup = get(client, "/sok/?q=samlinga&from=2017-03-01&to=2017-03-31&type=gathering")
    assert hits(soup) == [("Samling", "Byregionsamling i Ålesund")]


def test_no_results_and_nothing_to_search_for_say_so(client, demo_content):
    soup = get(client, "/nn/sok/?q=xyzzyq")
    assert "Ingen treff for «xyzzyq»." in soup.select_one(".search-none").get_text()
    soup = get(client, "/sok/?q=xyzzyq&theme=stadutvikling")
    assert "med disse filtrene" in soup.select_one(".search-none").get_text()
    assert soup.select_one(".search-none a[href='/sok/?q=xyzzyq']")
    soup = get(client, "/en/sok/?q=og+i")
    assert "too common" in soup.select_one(".search-results").get_text()


def test_pages_of_results_and_a_page_past_the_end(client, demo_content):
    soup = get(client, "/sok/?q=kommune&page=2")
    assert soup.select_one(".search-list")["start"] == "11"
    assert soup.select_one(".ds-pagination [aria-current=page]").get_text() == "2"
    last = get(client, "/sok/?q=kommune&page=999")
    assert last.select_one(".search-list") is not None  # the last page, not an empty one


def test_before_a_search_the_page_offers_the_themes(client, demo_content):
    soup = get(client, "/nn/sok/")
    links = [a.get_text() for a in soup.select(".search-theme-links a")]
    assert "Samspel by og omland" in links and "Stadutvikling" in links
    assert soup.select_one(".byr-site-search") is None  # the page's own box only


def test_the_header_has_a_labelled_search_box_on_every_page(client, demo_content):
    soup = get(client, "/nn/")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/nn/sok/" and form["method"] == "get"
    assert form.select_one("label[for=site-search-q]").get_text() == "Søk etter"
    assert form.select_one("input#site-search-q")["name"] == "q"


def test_the_search_page_keeps_to_its_query_budget(
    client, demo_content, django_assert_max_num_queries, uncached
):
    client.get("/sok/?q=byregionsamling")  # warm the site's caches
    with django_assert_max_num_queries(SEARCH_BUDGET):
        client.get("/sok/?q=byregionsamling&region=alesundregionen&theme=stadutvikling")
    with django_assert_max_num_queries(SEARCH_BUDGET):
        client.get("/sok/?q=kommune&page=3")


def test_the_theme_index_names_each_theme_in_the_ui_language(client, demo_content):
    soup = get(client, "/nn/tema/")
    names = [a.get_text() for a in soup.select(".byr-cards h2 a")]
    assert names[0] == "Innbyggjarinvolvering" and "Samspel by og omland" in names
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "CollectionPage"
    assert data["mainEntity"]["@type"] == "DefinedTermSet"
    assert len(data["mainEntity"]["hasDefinedTerm"]) == len(names)
    en = get(client, "/en/tema/")
    assert "Interplay between city and surroundings" in en.get_text() or en.select(".byr-cards")


def test_a_theme_page_collects_its_news_and_experiences(client, demo_content):
    soup = get(client, "/tema/samspel-by-og-omland/")
    assert soup.h1.get_text(" ", strip=True) == "Tema Samspill by og omland"
    experiences = soup.select("#theme-experiences ~ ul a")
    assert experiences and all(a["lang"] == "nn" for a in experiences)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "CollectionPage"
    assert data["about"]["@type"] == "DefinedTerm"
    assert data["about"]["termCode"] == "samspel-by-og-omland"
    assert len(data["hasPart"]) == len(soup.select(".theme-list > li"))
    assert client.get("/tema/finst-ikkje/").status_code == 404


def test_theme_pages_keep_to_their_query_budget(
    client, demo_content, django_assert_max_num_queries, uncached
):
    client.get("/tema/stadutvikling/")
    with django_assert_max_num_queries(THEME_BUDGET):
        client.get("/tema/stadutvikling/")
    with django_assert_max_num_queries(THEME_BUDGET):
        client.get("/tema/")


def test_experience_pages_link_their_themes_to_the_theme_pages(client, demo_content):
    from byregion.knowledge.models import ExperiencePage

    experience = ExperiencePage.objects.live().get(slug="betre-kollektivtransport")
    soup = get(client, experience.url)
    assert soup.select_one("a[href='/tema/samspel-by-og-omland/']")


def test_a_title_that_is_the_query_outranks_newer_partial_matches(client, demo_content):
    """Recency counts, but an old article titled with the very word comes before new
    sessions that only share the compound's parts."""
    soup = get(client, "/en/sok/?q=byregionsamling")
    titles = [a.get_text(" ", strip=True) for a in soup.select(".search-hit h3 a")]
    article = titles.index("Byregionsamling i Ålesund")
    assert article < titles.index("Verkstad B: korleis nå unge vaksne?")


def test_a_search_counted_only_to_the_cap_says_so(client, monkeypatch):
    """Counting stops at engines.COUNT_CAP: the heading then says "over" the cap, and a tab
    whose count is only a floor says "or more", instead of showing the floors as exact."""
    import datetime as dt

    from byregion.search import engines

    from .conftest import add_document

    monkeypatch.setattr(engines, "BROAD", 2)
    monkeypatch.setattr(engines, "COUNT_CAP", 4)
    for year in range(2015, 2022):
        add_document(title=f"Nordvikstrand {year}", date=dt.datetime(year, 1, 1, tzinfo=dt.UTC))
    soup = get(client, "/sok/?q=nordvikstrand")
    heading = " ".join(soup.select_one("#search-results-heading").get_text().split())
    assert heading == "Over 4 treff for «nordvikstrand»"
    counts = [" ".join(tab.get_text().split()) for tab in soup.select(".search-tabs__count")]
    assert counts and all(count.endswith("+ eller flere") for count in counts), counts
    # Under the cap, the count is exact and said plainly.
    monkeypatch.setattr(engines, "COUNT_CAP", 100)
    monkeypatch.setattr(engines, "BROAD", 100)
    soup = get(client, "/sok/?q=Nordvikstrand")  # another address: not the page cache's copy
    heading = " ".join(soup.select_one("#search-results-heading").get_text().split())
    assert heading == "7 treff for «Nordvikstrand»"
    assert [tab.get_text(strip=True) for tab in soup.select(".search-tabs__count")] == ["7", "7"]
