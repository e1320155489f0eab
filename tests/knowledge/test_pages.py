"""Experience pages as readers and search engines see them."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byregion.knowledge.models import ExperiencePage

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_index_lists_the_demo_experiences_marked_as_generated(client, experience_index):
    response = client.get("/erfaringer/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rådet for Region Ålesund" in html
    assert "Konferansefestivalen «The North West»" in html
    assert html.count("Generert demotekst") == ExperiencePage.objects.live().count() == 5
    # Each experience is marked with the language it is written in.
    assert html.count('lang="nn"') >= 5


def test_the_index_filters_by_theme_and_region_with_shareable_links(client, experience_index):
    html = client.get("/erfaringer/?theme=stadutvikling").content.decode()
    assert "Utvikling av campusområdet" in html
    assert "Kartlegging av byromma i sentrum" in html
    assert "Rådet for Region Ålesund" not in html
    assert "2 erfaringer" in html
    html = client.get("/erfaringer/?region=alesundregionen&theme=regional-mobilisering").content
    assert "Rådet for Region Ålesund" in html.decode()
    assert "1 erfaring<" in html.decode()


def test_an_unknown_filter_value_shows_everything_instead_of_failing(client, experience_index):
    response = client.get("/erfaringer/?theme=finst-ikkje&page=999")
    assert response.status_code == 200
    assert "5 erfaringer" in response.content.decode()


def test_the_experience_page_shows_its_facts_in_its_language(client, experience_index):
    response = client.get("/nn/erfaringer/the-north-west/")
    html = response.content.decode()
    assert '<main id="main" class="byr-main" tabindex="-1" lang="nn">' in html
    assert "18.–21. april 2018" in html  # noqa: RUF001
    assert "april 2018 til april 2018" in html
    assert "Ålesundregionen" in html
    assert "Samarbeid med næringslivet" in html
    assert "Denne teksten er skriven for demoen" in html
    data = json_ld(html)
    assert data["@type"] == "Article"
    assert data["inLanguage"] == "nn"
    assert data["temporalCoverage"] == "2018-04-18/2018-04-21"
    assert {"@type": "AdministrativeArea", "name": "Ålesund", "identifier": "1504"} in data[
        "spatialCoverage"
    ]


def test_json_ld_cannot_break_out_of_its_script_element(client, experience_index):
    page = ExperiencePage.objects.get(slug="the-north-west")
    page.summary = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get("/erfaringer/the-north-west/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["abstract"] == page.summary


def test_the_pages_cost_a_fixed_number_of_queries(client, experience_index, uncached):
    """Adding experiences does not add queries to the index page."""

    def count(path):
        # The first request after a change fills the caches (the route, the header and
        # footer: kept until the content changes); what a page costs is counted after it.
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    before = count("/erfaringer/")
    source = ExperiencePage.objects.get(slug="radet-for-region-alesund")
    for n in range(5):
        copy = source.copy(update_attrs={"slug": f"kopi-{n}", "title": f"Kopi {n}"})
        copy.save_revision().publish()
    assert count("/erfaringer/") == before
    # The page, the count, the experiences and their regions and themes; the site, the
    # route, the view restrictions, the header and footer and the filters' choices are kept.
    assert before <= 5
    assert count("/erfaringer/radet-for-region-alesund/") <= 7
