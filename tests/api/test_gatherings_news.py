"""The API's gatherings (with their programme) and published news."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

EXAMPLE = "eksempel-regional-samling-2027"


def test_gatherings_filter_by_programme_region_and_time(client, demo_content):
    everything = client.get("/api/gatherings").json()["results"]
    starts = [g["start"] for g in everything]
    assert starts == sorted(starts, reverse=True)
    series = client.get("/api/gatherings", {"programme": "byregionprogrammet"}).json()["results"]
    assert EXAMPLE not in [g["slug"] for g in series] and len(series) == 4
    hosted = client.get("/api/gatherings", {"region": "alesundregionen"}).json()["results"]
    assert [g["slug"] for g in hosted] == ["byregionsamling-i-alesund-2017"]
    assert hosted[0]["dates_only"] is True
    assert (hosted[0]["start_date"], hosted[0]["end_date"]) == ("2017-03-22", "2017-03-23")
    upcoming = client.get("/api/gatherings", {"when": "upcoming"}).json()["results"]
    past = client.get("/api/gatherings", {"when": "past"}).json()["results"]
    now = timezone.now().isoformat()
    assert all(g["end"] >= now[:19] for g in upcoming)
    assert {g["slug"] for g in upcoming}.isdisjoint(g["slug"] for g in past)
    assert len(upcoming) + len(past) == len(everything)


def test_a_gathering_carries_its_programme_as_days_and_parallel_slots(client, demo_content):
    response = client.get(f"/api/gatherings/{EXAMPLE}")
    data = response.json()
    assert data["generated"] is True and data["status"] == "open"
    assert [day["date"] for day in data["days"]] == ["2027-04-14", "2027-04-15"]
    parallel = [s for d in data["days"] for s in d["slots"] if s["parallel"]]
    assert parallel and all(len(slot["sessions"]) > 1 for slot in parallel)
    sessions = [s for d in data["days"] for slot in d["slots"] for s in slot["sessions"]]
    roles = [sp["title"] for s in sessions for sp in s["speakers"]]
    assert "Leiar for arrangøren (rolle, generert)" in roles
    assert response["Last-Modified"]
    session = sessions[0]
    one = client.get(f"/api/gatherings/{EXAMPLE}/sessions/{session['id']}")
    assert one.json() == session
    assert one["Last-Modified"]


def test_a_gathering_without_a_recorded_programme_has_no_days(client, demo_content):
    assert client.get("/api/gatherings/byregionsamling-i-oslo-2015").json()["days"] == []
    data = client.get("/api/gatherings/byregionsamling-i-alesund-2017").json()
    assert [day["date"][:10] for day in data["days"]] == ["2017-03-22", "2017-03-23"]
    assert data["host_region"] == {"slug": "alesundregionen", "name": "Ålesundregionen"}
    assert "Handlingsrom" in data["description"]


def test_a_draft_or_restricted_gathering_is_not_in_the_api(client, demo_content):
    from wagtail.models import PageViewRestriction

    from byregion.gatherings.models import GatheringPage

    GatheringPage.objects.filter(slug="byregionsamling-i-oslo-2015").update(live=False)
    restricted = GatheringPage.objects.get(slug="byregionsamling-i-stjordal-2014")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    slugs = [g["slug"] for g in client.get("/api/gatherings").json()["results"]]
    assert "byregionsamling-i-oslo-2015" not in slugs
    assert "byregionsamling-i-stjordal-2014" not in slugs
    assert client.get("/api/gatherings/byregionsamling-i-oslo-2015").status_code == 404
    assert client.get("/api/gatherings/byregionsamling-i-stjordal-2014").status_code == 404


def test_a_session_of_another_gathering_is_not_found(client, demo_content):
    from byregion.gatherings.models import Session

    session = Session.objects.filter(gathering__slug=EXAMPLE).first()
    response = client.get(f"/api/gatherings/byregionsamling-i-alesund-2017/sessions/{session.pk}")
    assert response.status_code == 404
    assert response.json()["errors"][0]["parameter"] == "id"


def test_news_lists_published_articles_with_filters(client, demo_content):
    data = client.get("/api/news").json()["results"]
    assert [a["slug"] for a in data] == ["byregionsamling-i-alesund"]
    assert data[0]["organisation"]["slug"] == "alesund-kommune"
    for params, expected in [
        ({"language": "nn"}, 1),
        ({"language": "en"}, 0),
        ({"organisation": "distriktssenteret"}, 0),
        ({"region": "alesundregionen", "theme": "samspel-by-og-omland"}, 1),
    ]:
        assert len(client.get("/api/news", params).json()["results"]) == expected, params


def test_an_article_has_its_text_and_image_with_alt_caption_and_credit(client, demo_content):
    response = client.get("/api/news/alesund-kommune/byregionsamling-i-alesund")
    data = response.json()
    assert data["language"] == "nn"
    assert "<p>Dei 37 byregionane" in data["body"]
    assert data["image"]["alt"].startswith("Plasshaldarbilete")
    assert data["image"]["credit"]
    assert data["image"]["url"].startswith(f"{settings.SITE_URL}/media/")
    assert data["first_published_at"] == "2017-03-15T11:00:00Z"
    assert response["Last-Modified"]


def test_unpublished_and_scheduled_articles_stay_out(client, demo_content):
    from byregion.news.models import NewsArticlePage

    article = NewsArticlePage.objects.get(slug="byregionsamling-i-alesund")
    article.unpublish()
    assert client.get("/api/news").json()["results"] == []
    response = client.get("/api/news/alesund-kommune/byregionsamling-i-alesund")
    assert response.status_code == 404
    assert response.json()["errors"][0]["parameter"] == "slug"


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("/api/gatherings", {"programme": "finst-ikkje"}, 400, "programme"),
        ("/api/gatherings", {"region": "finst-ikkje"}, 400, "region"),
        ("/api/gatherings", {"when": "soon"}, 400, "when"),
        ("/api/gatherings/finst-ikkje", {}, 404, "slug"),
        (f"/api/gatherings/{EXAMPLE}/sessions/0", {}, 404, "id"),
        (f"/api/gatherings/{EXAMPLE}/sessions/99999999999999999999999", {}, 404, "id"),
        ("/api/news", {"organisation": "finst-ikkje"}, 400, "organisation"),
        ("/api/news", {"theme": "finst-ikkje"}, 400, "theme"),
        ("/api/news", {"region": "finst-ikkje"}, 400, "region"),
        ("/api/news", {"language": "sv"}, 400, "language"),
        ("/api/news", {"cursor": "cD1hYmMmbz05OTk5OTk5OTk5"}, 400, "cursor"),
        ("/api/news/finst-ikkje/byregionsamling-i-alesund", {}, 404, "organisation"),
        ("/api/news/distriktssenteret/byregionsamling-i-alesund", {}, 404, "slug"),
    ],
)
def test_bad_parameters_are_named(client, demo_content, path, params, status, parameter):
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert parameter in [error["parameter"] for error in response.json()["errors"]]


def test_messages_are_translated(client, demo_content):
    path = "/api/news/distriktssenteret/finst-ikkje"
    details = {
        lang: client.get(path, HTTP_ACCEPT_LANGUAGE=lang).json()["detail"]
        for lang in ("nb", "nn", "en")
    }
    assert details["en"].startswith("No published article")
    assert len(set(details.values())) == 3


def _more_gatherings_and_articles(n: int) -> None:
    from byregion.gatherings.models import GatheringIndexPage, GatheringPage, Session, Speaker
    from byregion.networks.models import Programme, Region
    from byregion.news.models import NewsArticlePage, NewsSectionPage

    index = GatheringIndexPage.objects.get()
    example = GatheringPage.objects.get(slug=EXAMPLE)
    start = timezone.now() + dt.timedelta(days=400)
    for i in range(n):
        gathering = GatheringPage(
            title=f"Test {i}", slug=f"test-{i}", start=start, end=start + dt.timedelta(hours=5),
            programme=Programme.objects.get(), host_region=Region.objects.first(),
        )  # fmt: skip
        index.add_child(instance=gathering)
        gathering.save_revision().publish()
        session = Session.objects.create(
            gathering=example, title=f"Ekstra {i}", start=example.start, end=example.start
        )
        Speaker.objects.create(session=session, title="Rolle")
    section = NewsSectionPage.objects.get(organisation__slug="alesund-kommune")
    for i in range(n):
        article = NewsArticlePage(title=f"Sak {i}", slug=f"sak-{i}", lead="Lead.", language="nb")
        section.add_child(instance=article)
        article.save_revision().publish()


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/api/gatherings", 2),  # the restricted pages to leave out, the gatherings
        ("/api/gatherings?programme=byregionprogrammet&region=alesundregionen&when=past", 4),
        (f"/api/gatherings/{EXAMPLE}", 7),  # page, its restrictions, 3 for the programme, ...
        ("/api/news", 3),  # the articles, their themes, their regions
        ("/api/news?organisation=alesund-kommune&region=alesundregionen&language=nn", 5),
        ("/api/news/alesund-kommune/byregionsamling-i-alesund", 5),
    ],
)
def test_query_budgets_hold_as_rows_grow(
    client, demo_content, django_assert_max_num_queries, path, budget
):
    client.get(path)  # Wagtail caches the sites' root paths; a publication clears it
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
    _more_gatherings_and_articles(5)
    client.get(path)
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
