"""sitemap.xml lists every public address, pages and records alike; experiences have a feed."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree as ET
from django.conf import settings
from django.utils import timezone

from tests.pages import sitemap_files

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}


def _sitemap(client) -> dict[str, str | None]:
    """Path -> lastmod. Wagtail's pages carry the Wagtail site's host name, the records the
    request's; in production both are the site's one address."""
    urls = {}
    for address in sitemap_files(client):
        response = client.get(address)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        urls.update(
            {
                urlsplit(url.find("s:loc", NS).text).path: getattr(
                    url.find("s:lastmod", NS), "text", None
                )
                for url in root.findall("s:url", NS)
            }
        )
    return urls


def _sitemap_queries(client) -> int:
    """Queries for the index and every file it names."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    total = 0
    for address in ["/sitemap.xml", *sitemap_files(client)]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        total += len(captured)
    return total


def test_the_sitemap_lists_records_beside_pages(client, demo_content):
    from byregion.gatherings.models import Session
    from byregion.networks.models import Meeting

    urls = _sitemap(client)
    base = ""
    for path in [
        "/samlinger/byregionsamling-i-alesund-2017/",  # a Wagtail page
        "/organisasjoner/",
        "/organisasjoner/alesund-kommune/",
        "/kommuner/",
        "/kommuner/1504/",
        "/kommuner/1508/",
        "/regioner/",
        "/regioner/programmer/byregionprogrammet/",
        "/regioner/alesundregionen/",
        "/regioner/alesundregionen/rad/radet-for-region-alesund/",
        "/tema/",
        "/tema/stadutvikling/",
    ]:
        assert base + path in urls, path
    meeting = Meeting.objects.get()
    assert urls[base + meeting.get_absolute_url()] == meeting.updated.date().isoformat()
    session = Session.objects.filter(gathering__slug="eksempel-regional-samling-2027").first()
    assert urls[base + session.get_url()] == session.updated_at.date().isoformat()
    assert len(urls) == len(set(urls))


def test_sessions_of_an_unpublished_gathering_leave_the_sitemap(client, demo_content):
    from byregion.gatherings.models import GatheringPage, Session

    gathering = GatheringPage.objects.get(slug="eksempel-regional-samling-2027")
    session = Session.objects.filter(gathering=gathering).first()
    gathering.unpublish()
    urls = _sitemap(client)
    assert not [url for url in urls if f"/program/{session.pk}/" in url]


def test_the_sitemap_costs_the_same_as_records_grow(client, demo_content, uncached):
    from byregion.networks.models import Council, Meeting
    from byregion.organisations.models import Organisation
    from byregion.themes.models import Theme

    _sitemap_queries(client)
    # The index counts each section; each file: Wagtail's pages a query per page type, a
    # records section its count and rows.
    before = _sitemap_queries(client)
    council = Council.objects.get()
    for i in range(10):
        Meeting.objects.create(council=council, start=timezone.now() + dt.timedelta(days=i))
        Organisation.objects.create(name=f"Test {i}", slug=f"test-{i}", kind="company")
        Theme.objects.create(slug=f"tema-{i}", name_nb=f"Tema {i}", name_nn=f"Tema {i}",
                             name_en=f"Theme {i}")  # fmt: skip
    assert _sitemap_queries(client) == before


def test_experiences_have_an_atom_feed_announced_on_their_index(client, demo_content):
    index = client.get("/erfaringer/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in index
    assert 'href="/feed/erfaringer/atom/"' in index
    response = client.get("/feed/erfaringer/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [e.find("a:title", NS).text for e in root.findall("a:entry", NS)]
    assert "Utvikling av campusområdet" in titles and len(titles) == 5
    entry = root.find("a:entry", NS)
    assert entry.find("a:link", NS).get("href").startswith(f"{settings.SITE_URL}/erfaringer/")
    assert entry.find("a:summary", NS).text
    nn = client.get("/nn/feed/erfaringer/atom/").content.decode()
    en = client.get("/en/feed/erfaringer/atom/").content.decode()
    assert "Byregion: experiences" in en and "erfaringar" in nn


def test_a_draft_experience_is_not_in_the_feed(client, demo_content):
    from byregion.knowledge.models import ExperiencePage

    ExperiencePage.objects.get(slug="the-north-west").unpublish()
    assert b"the-north-west" not in client.get("/feed/erfaringer/atom/").content
