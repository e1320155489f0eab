"""Reading the news: the index, a section, an article, the home page and the sitemap."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byregion.networks.models import Region
from byregion.themes.models import Theme
from tests.pages import sitemap_text

from .conftest import make_image, parse


def test_article_page_marks_its_language_and_shows_image_credit_and_byline(client, news_tree):
    image = make_image(credit="Foto: Haavard Ese Eliassen, Distriktssenteret", alt="Ei hamn")
    article = news_tree.article(title="Byregionsamling i Ålesund", main_image=image,
                           main_image_caption="Hamna i Ålesund")  # fmt: skip
    response = client.get(article.url)
    assert response.status_code == 200
    html = parse(response)
    assert html.html["lang"] == "nb"  # the UI language
    assert html.main["lang"] == "nn"  # the article's language
    figure = html.select_one("figure.news-figure")
    img = figure.img
    assert img["alt"] == "Ei hamn"
    assert "srcset" in img.attrs and "sizes" in img.attrs
    assert len(img["srcset"].split(",")) >= 2
    caption = figure.figcaption.get_text(" ", strip=True)
    assert "Hamna i Ålesund" in caption
    assert "Foto: Haavard Ese Eliassen, Distriktssenteret" in caption
    byline = html.select_one(".news-byline")
    assert byline["lang"] == "nb"
    assert "Ålesund kommune" in byline.get_text()
    assert "2. januar 2017" in byline.get_text()


def test_article_without_caption_still_shows_the_credit(client, news_tree):
    article = news_tree.article(main_image=make_image(credit="Foto: Kari Nordmann"))
    html = parse(client.get(article.url))
    assert html.select_one("figure.news-figure .news-credit").get_text() == "Foto: Kari Nordmann"


def test_article_has_json_ld_news_article_and_open_graph(client, news_tree):
    theme = Theme.objects.get(slug="stadutvikling")
    article = news_tree.article(title="Om <stad>", main_image=make_image(), themes=[theme])
    html = parse(client.get(article.url))
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Om <stad>"
    assert data["inLanguage"] == "nn"
    assert data["publisher"]["name"] == "Ålesund kommune"
    assert data["datePublished"].startswith("2017-01-02")
    assert data["image"]["creditText"] == "Foto: Ola Nordmann, Ålesund kommune"
    assert data["keywords"] == ["Stadutvikling"]  # in the article's language
    assert "<stad>" not in html.find("script", type="application/ld+json").string
    og = {m["property"]: m["content"] for m in html.select("meta[property]")}
    assert og["og:type"] == "article"
    assert og["og:title"] == "Om <stad>"
    assert og["og:locale"] == "nn_NO"
    assert og["og:url"].endswith(article.url)
    assert og["og:image"].startswith("http") and "1200x630" in og["og:image"]
    assert og["article:tag"] == "Stadutvikling"


def test_pages_announce_their_feeds(client, news_tree):
    article = news_tree.article()
    for url, expected in [
        (news_tree.index.url, "/feed/nyheter/atom/"),
        (news_tree.alesund_section.url, "/feed/nyheter/organisasjon/alesund-kommune/atom/"),
        (article.url, "/feed/nyheter/atom/"),
    ]:
        html = parse(client.get(url))
        # (the other alternates are the page in the other UI languages, with hreflang)
        feeds = html.select('link[rel="alternate"][type]')
        links = [link["href"] for link in feeds]
        types = {link["type"] for link in feeds}
        assert types == {"application/atom+xml", "application/rss+xml"}
        assert expected in links, links


def test_index_lists_newest_first_with_language_on_each_item(client, news_tree):
    news_tree.article(title="Eldst", language="nb")
    news_tree.article(title="Nyast", section=news_tree.molde_section, language="nn")
    html = parse(client.get(news_tree.index.url))
    items = html.select(".news-list article")
    assert [item.h3.get_text(strip=True) for item in items] == ["Nyast", "Eldst"]
    assert [item["lang"] for item in items] == ["nn", "nb"]


def test_section_lists_only_its_organisations_news(client, news_tree):
    news_tree.article(title="Frå Ålesund")
    news_tree.article(title="Frå Molde", section=news_tree.molde_section)
    html = parse(client.get(news_tree.alesund_section.url))
    titles = [h.get_text(strip=True) for h in html.select(".news-list h3")]
    assert titles == ["Frå Ålesund"]
    assert html.h1.get_text(strip=True) == "Nyheter fra Ålesund kommune"
    assert html.select_one("#id_organisation") is None  # no organisation filter in a section


def test_drafts_are_not_listed(client, news_tree):
    news_tree.article(title="Utkast", publish=False)
    assert "Utkast" not in client.get(news_tree.index.url).content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("organisation={molde}", ["Molde"]),
        ("region=alesundregionen", ["Region"]),
        ("theme=stadutvikling", ["Tema"]),
        ("language=en", ["English"]),
        ("region=alesundregionen&theme=stadutvikling", []),
    ],
)
def test_index_filters_are_in_the_address(client, news_tree, query, expected):
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    news_tree.article(title="Molde", section=news_tree.molde_section)
    news_tree.article(title="Region", regions=[region])
    news_tree.article(title="Tema", themes=[Theme.objects.get(slug="stadutvikling")])
    news_tree.article(title="English", language="en")
    response = client.get(f"{news_tree.index.url}?{query.format(molde=news_tree.molde.slug)}")
    titles = [h.get_text(strip=True) for h in parse(response).select(".news-list h3")]
    assert titles == expected


def test_unknown_filter_value_is_reported_and_the_rest_still_applies(client, news_tree):
    news_tree.article(title="Byregionsamling i Ålesund")
    news_tree.article(title="Anna")
    response = client.get(f"/nn{news_tree.index.url}?region=finst-ikkje&q=byregionsamling")
    assert response.status_code == 200
    html = parse(response)
    alert = html.select_one(".ds-alert").get_text(" ", strip=True)
    assert "Region" in alert and "gyldig" in alert  # Django's own translated message
    assert html.select_one("#id_region")["aria-invalid"] == "true"
    assert html.select_one("#id_q")["value"] == "byregionsamling"  # the input is kept
    titles = [h.get_text(strip=True) for h in html.select(".news-list h3")]
    assert titles == ["Byregionsamling i Ålesund"]


def test_listing_paginates_and_keeps_filters_in_page_links(client, news_tree):
    for n in range(12):
        news_tree.article(title=f"Sak {n}", language="nn")
    response = client.get(f"{news_tree.index.url}?language=nn")
    html = parse(response)
    assert len(html.select(".news-list article")) == 10
    next_link = html.select_one('.ds-pagination a[href*="page=2"]')["href"]
    assert "language=nn" in next_link
    page2 = parse(client.get(f"{news_tree.index.url}{next_link}"))
    assert [h.get_text(strip=True) for h in page2.select(".news-list h3")] == ["Sak 1", "Sak 0"]


LISTING_BUDGET = 16
# The listing's ?q= goes through the site's search engine: on PostgreSQL, inside the test's
# transaction, it sets two planner settings for itself and puts them back after
# (search/engines.py): four statements more, as on the search page.
if connection.vendor == "postgresql":
    LISTING_BUDGET += 4


def _count_queries(client, url) -> int:
    client.get(url)  # renditions are made on the first view, then reused
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_query_count_does_not_grow_with_the_number_of_articles(client, news_tree):
    theme = Theme.objects.get(slug="stadutvikling")
    for n in range(2):
        news_tree.article(title=f"Sak {n}", main_image=make_image(), themes=[theme])
    few = _count_queries(client, f"{news_tree.index.url}?theme=stadutvikling&q=sak")
    for n in range(2, 10):
        news_tree.article(title=f"Sak {n}", main_image=make_image(), themes=[theme])
    many = _count_queries(client, f"{news_tree.index.url}?theme=stadutvikling&q=sak")
    assert many == few
    assert many <= LISTING_BUDGET, many


def test_article_page_query_budget(client, news_tree, django_assert_max_num_queries):
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    themes = list(Theme.objects.all()[:3])
    article = news_tree.article(main_image=make_image(), themes=themes, regions=[region])
    client.get(article.url)
    with django_assert_max_num_queries(20):
        client.get(article.url)


def test_home_page_shows_the_latest_news(client, news_tree):
    news_tree.article(title="Byregionsamling i Ålesund")
    html = parse(client.get("/"))
    section = html.select_one('[aria-labelledby="home-news"]')
    assert "Byregionsamling i Ålesund" in section.get_text()
    assert section.select_one("a[lang]")["lang"] == "nn"
    assert html.select_one("#home-news").get_text() == "Siste nytt"
    assert "Latest news" in client.get("/en/").content.decode()


def test_sitemap_lists_the_news_pages(client, news_tree):
    article = news_tree.article()
    body = sitemap_text(client)
    assert article.url in body
    assert news_tree.alesund_section.url in body


def test_articles_behind_a_view_restriction_are_not_listed_anywhere(client, news_tree):
    from wagtail.models import PageViewRestriction

    news_tree.article(title="Open sak")
    secret = news_tree.article(title="Lukka sak", section=news_tree.molde_section)
    PageViewRestriction.objects.create(page=news_tree.molde_section, restriction_type="login")
    assert "Lukka sak" not in client.get(news_tree.index.url).content.decode()
    assert "Lukka sak" not in client.get("/feed/nyheter/atom/").content.decode()
    assert "Lukka sak" not in client.get("/").content.decode()
    assert "Open sak" in client.get(news_tree.index.url).content.decode()
    assert secret.live


def test_latest_articles_is_one_query(news_tree, django_assert_num_queries):
    from byregion.news.listing import latest_articles

    for n in range(5):
        news_tree.article(title=f"Sak {n}", main_image=make_image())
    latest_articles(3)  # the paths view restrictions reach are then kept (core.pages)
    with django_assert_num_queries(1):
        latest = latest_articles(3)
        names = [(a.title, a.organisation.name) for a in latest]
    assert names == [("Sak 4", "Ålesund kommune"), ("Sak 3", "Ålesund kommune"),
                     ("Sak 2", "Ålesund kommune")]  # fmt: skip


def test_listing_titles_follow_the_ui_language(client, news_tree):
    index_url, section_url = news_tree.index.url, news_tree.alesund_section.url  # before a request
    assert parse(client.get(f"/nn{index_url}")).title.get_text().startswith("Nyheiter")
    section = parse(client.get(f"/en{section_url}"))
    assert section.title.get_text().startswith("News from Ålesund kommune")
    assert section.h1.get_text(strip=True) == "News from Ålesund kommune"
