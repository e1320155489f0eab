"""The open API: answers, errors that name the parameter, pagination, caching headers."""

import pytest

pytestmark = pytest.mark.django_db


def test_municipalities_on_a_date_page_with_a_cursor(client, demo_content):
    first = client.get("/api/municipalities", {"as_of": "2017-01-01", "page_size": 10}).json()
    codes = [m["code"] for m in first["results"]]
    assert codes == sorted(codes) and len(codes) == 10
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["results"][0]["code"] > codes[-1]
    everything = []
    page = {"next": "/api/municipalities?as_of=2017-01-01&page_size=7"}
    while page["next"]:
        page = client.get(page["next"]).json()
        everything += [m["code"] for m in page["results"]]
    assert len(everything) == len(set(everything))
    assert {"1504", "1523", "1534"} <= set(everything)
    assert "1507" not in everything  # the merged Ålesund exists from 2020


def test_a_municipality_lists_its_versions_and_maps_to_today(client, demo_content):
    data = client.get("/api/municipalities/1523", HTTP_ACCEPT_LANGUAGE="en").json()
    (version,) = data["versions"]
    assert version["name"] == "Ørskog"
    assert version["county"] == {"code": "15", "name": "Møre og Romsdal"}
    assert any("became part of Ålesund (1507)" in c["description"] for c in version["changes"])
    assert version["today"] == [{"code": "1508", "name": "Ålesund"}]
    mapped = client.get("/api/municipalities/1534/map", {"at": "2017-01-01", "to": "2024-01-01"})
    assert [p["code"] for p in mapped.json()["places"]] == ["1580"]


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("/api/municipalities", {"as_of": "2017-13-01"}, 400, "as_of"),
        ("/api/municipalities", {"page_size": "many"}, 400, "page_size"),
        ("/api/municipalities", {"cursor": "not-a-cursor"}, 400, "cursor"),
        ("/api/municipalities", {"cursor": "cD1hYmMmbz05OTk5OTk5OTk5"}, 400, "cursor"),
        ("/api/municipalities/9999", {}, 404, "code"),
        ("/api/municipalities/1523/map", {"at": "2021-01-01"}, 404, "code"),
        ("/api/municipalities/1523/map", {"to": "yesterday"}, 400, "to"),
        ("/api/organisations", {"kind": "guild"}, 400, "kind"),
        ("/api/organisations/finst-ikkje", {}, 404, "slug"),
        ("/api/experiences", {"theme": "finst-ikkje"}, 400, "theme"),
        ("/api/experiences", {"region": "finst-ikkje"}, 400, "region"),
        ("/api/experiences", {"language": "de"}, 400, "language"),
        ("/api/experiences/finst-ikkje", {}, 404, "slug"),
    ],
)
def test_bad_parameters_answer_with_json_naming_the_parameter(
    client, demo_content, path, params, status, parameter
):
    response = client.get(path, params)
    assert response.status_code == status
    body = response.json()
    assert body["detail"]
    assert parameter in [error["parameter"] for error in body["errors"]]


def test_errors_are_in_the_callers_language(client, demo_content):
    nn = client.get("/api/municipalities", {"as_of": "i går"}, HTTP_ACCEPT_LANGUAGE="nn").json()
    en = client.get("/api/municipalities", {"as_of": "i går"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert "is not a date" in en["detail"]
    assert nn["detail"] != en["detail"] and "dato" in nn["detail"]


def test_organisations_show_what_their_pages_show(client, demo_content):
    listing = client.get("/api/organisations", {"kind": "municipality"}).json()["results"]
    assert "Ålesund kommune" in [o["name"] for o in listing]
    alesund = client.get("/api/organisations/alesund-kommune").json()
    assert alesund["org_number"] == "942953119"
    assert alesund["phone"] == "70162000"
    assert alesund["visiting_address"]["street"] == "Keiser Wilhelms gt. 11"
    assert alesund["switchboard_hours"]


def test_experiences_filter_and_name_contacts_only_with_consent(client, demo_content):
    from byregion.knowledge.models import ExperienceContact, ExperiencePage
    from byregion.organisations.models import Organisation

    data = client.get("/api/experiences", {"theme": "stadutvikling"}).json()
    assert {e["slug"] for e in data["results"]} == {
        "utvikling-av-campusomradet",
        "kartlegging-av-byromma-i-sentrum",
    }
    page = ExperiencePage.objects.get(slug="the-north-west")
    alesund = Organisation.objects.get(slug="alesund-kommune")
    ExperienceContact.objects.create(page=page, organisation=alesund, position="Rådgjevar")
    ExperienceContact.objects.create(
        page=page, organisation=alesund, position="Prosjektleiar",
        person_name="Namngitt Person", name_consent=True,
    )  # fmt: skip
    detail = client.get("/api/experiences/the-north-west").json()
    assert [c["name"] for c in detail["contacts"]] == [None, "Namngitt Person"]
    assert detail["generated"] is True
    assert detail["municipalities"][0]["code"] == "1504"


def test_a_draft_experience_is_not_in_the_api(client, demo_content):
    from byregion.knowledge.models import ExperiencePage

    ExperiencePage.objects.filter(slug="the-north-west").update(live=False)
    assert client.get("/api/experiences/the-north-west").status_code == 404
    slugs = [e["slug"] for e in client.get("/api/experiences").json()["results"]]
    assert "the-north-west" not in slugs


def test_answers_carry_cors_and_revalidate_with_an_etag(client, demo_content):
    response = client.get("/api/themes")
    assert response["Access-Control-Allow-Origin"] == "*"
    # Browsers ask again each time (a 304 is cheap); the page cache keeps the answer.
    assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    again = client.get("/api/themes", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    preflight = client.options("/api/themes")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_too_many_requests_get_a_clear_429(client, demo_content, settings):
    from byregion.api.api import api

    throttle = api.throttle[0]
    rate = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "3/m", 3, 60
    try:
        statuses = [client.get("/api/themes").status_code for _ in range(4)]
        response = client.get("/api/themes", HTTP_ACCEPT_LANGUAGE="en")
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = rate
    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many requests" in response.json()["detail"]


def test_the_docs_page_and_schema_are_served_without_outside_assets(client):
    docs = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "http" not in docs.split("<body")[0].replace("http-equiv", "")
    schema = client.get("/api/openapi.json").json()
    assert "/api/municipalities/{code}/map" in schema["paths"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/regions", {"programme": "a\x00b"}, 400),
        ("/api/news", {"theme": "\x00"}, 400),
        ("/api/organisations", {"municipality": "15\x0004"}, 400),
        ("/api/regions/ale%00sund", {}, 404),
    ],
)
def test_a_nul_character_is_refused_before_any_query(
    client, path, params, status, django_assert_num_queries
):
    # PostgreSQL refuses NUL in text; the schemathesis fuzz test found the 500 it made.
    with django_assert_num_queries(0):
        response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    if status == 400:
        assert response.json()["errors"][0]["parameter"] == next(iter(params))
        assert "NUL" in response.json()["errors"][0]["message"]
