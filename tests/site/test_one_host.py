"""One host everywhere: whatever host a request came in on, the site names its pages on
SITE_URL, in canonical links, structured data, feeds, calendars, the sitemap and the API."""

import json

import icalendar
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from wagtail.models import Site

from byregion.site.wagtail_site import follow_site_url
from tests.pages import sitemap_files

pytestmark = pytest.mark.django_db

PUBLIC = "https://byregion.example"
ARTICLE = "/nyheter/alesund-kommune/byregionsamling-i-alesund/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def public_address(settings, demo_media):
    """SITE_URL set to the public address, and Wagtail's Site in step as `migrate` leaves it;
    requests keep arriving on the test client's own host (testserver)."""
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["testserver", "byregion.example"]
    follow_site_url()
    yield
    Site.clear_site_root_paths_cache()


def soup_of(client, path) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(soup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_migrate_puts_wagtail_s_site_on_the_public_address(public_address):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("byregion.example", 443, PUBLIC)


@pytest.mark.parametrize(
    "path",
    [ARTICLE, "/samlinger/byregionsamling-i-alesund-2017/", "/regioner/alesundregionen/",
     "/tema/samspel-by-og-omland/", "/kommuner/1508/", "/nn/nyheter/", "/"],
)  # fmt: skip
def test_a_page_has_exactly_one_canonical_link_on_the_public_address(client, public_address, path):
    soup = soup_of(client, path)
    canonical = soup.select('link[rel="canonical"]')
    assert [link["href"] for link in canonical] == [PUBLIC + path]
    for alternate in soup.select('link[rel="alternate"][hreflang]'):
        assert alternate["href"].startswith(PUBLIC + "/")


def test_structured_data_and_open_graph_name_the_public_address(client, public_address):
    article = soup_of(client, ARTICLE)
    assert json_ld(article)["url"] == PUBLIC + ARTICLE
    assert article.find("meta", property="og:url")["content"] == PUBLIC + ARTICLE
    region = json_ld(soup_of(client, "/regioner/alesundregionen/"))
    assert json.dumps(region).count("http://testserver") == 0
    assert PUBLIC + "/regioner/alesundregionen/" in json.dumps(region)


def test_the_sitemap_lists_one_host(client, public_address):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    files = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert files and all(file.startswith(PUBLIC + "/sitemap-") for file in files), files
    locations = [
        loc.text
        for file in sitemap_files(client)
        for loc in ET.fromstring(client.get(file).content).iter(f"{SITEMAP}loc")
    ]
    assert len(locations) > 20
    assert all(location.startswith(PUBLIC + "/") for location in locations), {
        location.split("/")[2] for location in locations
    }
    assert PUBLIC + ARTICLE in locations  # a Wagtail page
    assert PUBLIC + "/kommuner/1508/" in locations  # a record


def test_feeds_link_to_the_public_address(client, public_address):
    for path in ["/feed/nyheter/atom/", "/samlinger/feed/", "/feed/erfaringer/atom/"]:
        feed = ET.fromstring(client.get(path).content)
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert links and all(link.startswith(PUBLIC + "/") for link in links), (path, links)


def test_calendars_use_the_public_address_for_urls_and_uids(client, public_address):
    response = client.get("/samlinger/byregionsamling-i-alesund-2017/kalender/")
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["URL"]) == PUBLIC + "/samlinger/byregionsamling-i-alesund-2017/"
    assert str(event["UID"]).endswith("@byregion.example")


def test_the_api_links_to_the_public_address(client, public_address):
    data = client.get("/api/organisations/alesund-kommune").json()
    assert data["url"] == PUBLIC + "/organisasjoner/alesund-kommune/"
