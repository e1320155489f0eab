"""A page behind a view restriction (password, sign-in, groups) is not public anywhere
(issue 13, finding 2): not in a listing, the API, a feed, the sitemap, search or a theme
page, and its registration, participant and statistics pages answer 404.

One rule decides it: `core.visibility` (live, and no restriction on the page or above it).
"""

import pytest
from wagtail.models import PageViewRestriction

from byregion.gatherings.models import GatheringPage
from byregion.knowledge.models import ExperiencePage

pytestmark = pytest.mark.django_db

EXPERIENCE = "betre-kollektivtransport"
EXPERIENCE_TITLE = "Betre kollektivtransport i regionen"
GATHERING = "byregionsamling-i-alesund-2017"


def restrict(page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmeleg"
    )


@pytest.fixture
def restricted_experience(demo_content):
    page = ExperiencePage.objects.get(slug=EXPERIENCE)
    restrict(page)
    return page


@pytest.fixture
def restricted_gathering(demo_content):
    page = GatheringPage.objects.get(slug=GATHERING)
    restrict(page)
    return page


def test_a_restricted_experience_is_not_in_the_api(client, restricted_experience):
    assert client.get(f"/api/experiences/{EXPERIENCE}").status_code == 404
    listed = [item["slug"] for item in client.get("/api/experiences").json()["results"]]
    assert EXPERIENCE not in listed and listed


@pytest.mark.parametrize(
    "path", ["/erfaringer/", "/feed/erfaringer/atom/", "/sitemap-pages.xml", "/tema/stadutvikling/"]
)
def test_a_restricted_experience_is_not_listed(client, restricted_experience, path):
    response = client.get(path)
    assert response.status_code == 200
    assert EXPERIENCE not in response.content.decode()


def test_a_restricted_experience_is_not_found_by_search(client, restricted_experience):
    hits = client.get("/api/search", {"q": "kollektivtransport"}).json()["results"]
    assert all(EXPERIENCE not in hit["url"] for hit in hits)


def test_a_restricted_gathering_is_not_in_the_api_or_listed(client, restricted_gathering):
    assert client.get(f"/api/gatherings/{GATHERING}").status_code == 404
    listed = [item["slug"] for item in client.get("/api/gatherings").json()["results"]]
    assert GATHERING not in listed
    for path in ["/samlinger/", "/samlinger/feed/", "/samlinger/kalender/", "/sitemap-pages.xml",
                 "/sitemap-sessions.xml"]:  # fmt: skip
        assert GATHERING not in client.get(path).content.decode(), path


@pytest.mark.parametrize("page", ["pamelding", "deltakere", "statistikk"])
def test_a_restricted_gathering_s_registration_pages_are_not_found(
    client, restricted_gathering, page
):
    assert client.get(f"/samlinger/{GATHERING}/{page}/").status_code == 404


def test_a_restricted_gathering_is_not_on_its_region_s_page(client, restricted_gathering):
    region = restricted_gathering.host_region
    assert region is not None
    page = client.get(region.get_absolute_url()).content.decode()
    assert f"/{GATHERING}/" not in page


def test_a_restricted_article_is_not_on_its_region_s_page(client, demo_content):
    from byregion.news.models import NewsArticlePage

    article = NewsArticlePage.objects.live().filter(regions__isnull=False).first()
    region = article.regions.first()
    url = region.get_absolute_url()
    assert article.url in client.get(url).content.decode()
    restrict(article)
    assert article.url not in client.get(url).content.decode()
