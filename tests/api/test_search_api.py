"""`GET /api/search`: the search page's answers as JSON, errors naming the parameter."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_search_answers_with_marked_hits_counts_and_links(client, demo_content):
    response = client.get("/api/search", {"q": "byregionsamling", "page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == sum(body["counts"].values()) == 8
    assert body["counts"]["news"] == 1
    assert len(body["results"]) == 2 and body["pages"] == 4
    assert body["next"].endswith("page=2") and body["previous"] is None
    hit = body["results"][0]
    assert set(hit) == {
        "type", "title", "title_parts", "snippet", "snippet_parts", "url", "language", "date",
        "organisation",
    }  # fmt: skip
    assert hit["url"].startswith(f"{settings.SITE_URL}/")
    assert any(part["match"] for part in hit["title_parts"] + hit["snippet_parts"])
    assert response["ETag"] and response["Access-Control-Allow-Origin"] == "*"


def test_filters_narrow_the_results(client, demo_content):
    news = client.get("/api/search", {"q": "byregionsamling", "type": "news"}).json()
    assert [(h["type"], h["title"], h["language"]) for h in news["results"]] == [
        ("news", "Byregionsamling i Ålesund", "nn")
    ]
    assert news["results"][0]["organisation"] == "alesund-kommune"
    gatherings = client.get(
        "/api/search",
        {"q": "samlingen", "type": "gathering", "from": "2017-03-01", "to": "2017-03-31"},
    ).json()
    assert [h["title"] for h in gatherings["results"]] == ["Byregionsamling i Ålesund"]
    region = client.get(
        "/api/search", {"q": "kommunar", "region": "alesundregionen", "language": "nn"}
    ).json()
    assert region["total"] >= 1
    assert all(h["language"] == "nn" for h in region["results"])


@pytest.mark.parametrize(
    ("query", "parameter", "nynorsk"),
    [
        ({}, "q", "Ugyldig parameter: q."),
        ({"q": " "}, "q", "Skriv noko å søkje etter."),
        ({"q": "x" * 501}, "q", "Skriv høgst 500 teikn."),
        ({"q": "samling", "type": "nyhet"}, "type", "«nyhet» er ikkje ein type."),
        ({"q": "samling", "region": "finst-ikkje"}, "region", "Ingen region har"),
        ({"q": "samling", "theme": "finst-ikkje"}, "theme", "Ikkje noko tema har"),
        ({"q": "samling", "organisation": "x"}, "organisation", "Ingen organisasjon har"),
        ({"q": "samling", "language": "sv"}, "language", "«sv» er ikkje eit språk."),
        ({"q": "samling", "from": "2017-02-30"}, "from", "«2017-02-30» er ikkje ein dato."),
        ({"q": "samling", "from": "2018-01-01", "to": "2017-01-01"}, "to", "Til-datoen"),
        ({"q": "samling", "page": "0"}, "page", "Ugyldig parameter: page."),
        ({"q": "samling", "page_size": "51"}, "page_size", "Ugyldig parameter: page_size."),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter_in_the_callers_language(
    client, demo_content, query, parameter, nynorsk
):
    response = client.get("/api/search", query, HTTP_ACCEPT_LANGUAGE="nn")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith(nynorsk)
    assert [error["parameter"] for error in body["errors"]] == [parameter]


def test_a_page_past_the_end_is_empty_and_links_back(client, demo_content):
    body = client.get("/api/search", {"q": "byregionsamling", "page": 9}).json()
    assert body["results"] == [] and body["next"] is None
    assert body["previous"].endswith("page=1")


def test_search_is_in_the_openapi_description(client):
    schema = client.get("/api/openapi.json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert parameters >= {"q", "type", "region", "theme", "organisation", "language", "from",
                          "to", "page", "page_size"}  # fmt: skip


def test_counts_that_stopped_at_the_cap_say_they_are_floors(client, monkeypatch):
    """A count past engines.COUNT_CAP is a floor: the answer says so (total_is_floor, and
    the types whose count is one), as the search page says "over"."""
    import datetime as dt

    from byregion.search import engines
    from tests.search.conftest import add_document

    monkeypatch.setattr(engines, "BROAD", 2)
    monkeypatch.setattr(engines, "COUNT_CAP", 4)
    for year in range(2015, 2022):
        add_document(title=f"Nordvikstrand {year}", date=dt.datetime(year, 1, 1, tzinfo=dt.UTC))
    body = client.get("/api/search", {"q": "nordvikstrand"}).json()
    assert 4 <= body["total"] <= 5 and body["total_is_floor"] is True  # of 7
    assert body["floor_counts"] == ["news"]
    body = client.get("/api/search", {"q": "nordvikstrand", "type": "gathering"}).json()
    assert (body["total"], body["total_is_floor"], body["floor_counts"]) == (0, False, ["news"])
    monkeypatch.setattr(engines, "COUNT_CAP", 100)
    monkeypatch.setattr(engines, "BROAD", 100)
    body = client.get("/api/search", {"q": "Nordvikstrand"}).json()
    assert (body["total"], body["total_is_floor"], body["floor_counts"]) == (7, False, [])
