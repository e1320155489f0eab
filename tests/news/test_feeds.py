"""Atom and RSS feeds: site-wide and per organisation, region and theme."""

import pytest
from defusedxml import ElementTree as ET

from byregion.networks.models import Region
from byregion.themes.models import Theme

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(news_tree):
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    theme = Theme.objects.get(slug="stadutvikling")
    ours = news_tree.article(title="Byregionsamling i Ålesund", regions=[region], themes=[theme])
    other = news_tree.article(title="Frå Molde", section=news_tree.molde_section)
    news_tree.article(title="Utkast", publish=False)
    return ours, other


def atom_titles(response):
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def rss_titles(response):
    root = ET.fromstring(response.content)
    return [item.find("title").text for item in root.iter("item")]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("", ["Frå Molde", "Byregionsamling i Ålesund"]),
        ("organisasjon/alesund-kommune/", ["Byregionsamling i Ålesund"]),
        ("organisasjon/molde-kommune/", ["Frå Molde"]),
        ("region/alesundregionen/", ["Byregionsamling i Ålesund"]),
        ("tema/stadutvikling/", ["Byregionsamling i Ålesund"]),
    ],
)
def test_atom_and_rss_list_the_published_articles_of_their_scope(client, articles, path, expected):
    atom = client.get(f"/feed/nyheter/{path}atom/")
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(atom) == expected
    rss = client.get(f"/feed/nyheter/{path}rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(rss) == expected


def test_feed_entries_carry_link_date_author_and_themes(client, articles):
    ours, _other = articles
    root = ET.fromstring(client.get("/feed/nyheter/tema/stadutvikling/atom/").content)
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").attrib["href"].endswith(ours.url)
    assert entry.find(f"{ATOM}published").text.startswith("2017-01-02")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Ålesund kommune"
    assert entry.find(f"{ATOM}summary").text == ours.lead
    assert [c.attrib["term"] for c in entry.iter(f"{ATOM}category")] == ["Stedsutvikling"]


def test_feed_title_is_in_the_ui_language_of_its_address(client, articles):
    nb = ET.fromstring(client.get("/feed/nyheter/organisasjon/alesund-kommune/rss/").content)
    nn = ET.fromstring(client.get("/nn/feed/nyheter/organisasjon/alesund-kommune/rss/").content)
    assert nb.find("channel/title").text == "Byregion: nyheter fra Ålesund kommune"
    assert nn.find("channel/title").text == "Byregion: nyheiter frå Ålesund kommune"
    assert nn.find("channel/language").text == "nn"


@pytest.mark.parametrize(
    "path",
    ["json/", "organisasjon/finst-ikkje/atom/", "kommune/alesund-kommune/rss/"],
)
def test_unknown_feeds_are_not_found(client, articles, path):
    assert client.get(f"/feed/nyheter/{path}").status_code == 404


def test_feed_query_count_is_flat(client, news_tree, django_assert_max_num_queries):
    theme = Theme.objects.get(slug="stadutvikling")
    for n in range(8):
        news_tree.article(title=f"Sak {n}", themes=[theme])
    with django_assert_max_num_queries(8):
        assert client.get("/feed/nyheter/atom/").status_code == 200
