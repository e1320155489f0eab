"""One rule for the dates a visitor may ask for (issue 13, low findings): a date far outside
what the site holds is refused with a clear message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

EXTREMES = ["9999-12-31", "0001-01-01", "1799-12-31", "2200-01-01"]


@pytest.mark.parametrize("value", EXTREMES)
@pytest.mark.parametrize("parameter", ["from", "to"])
def test_the_search_page_reports_a_date_out_of_range_and_still_searches(client, parameter, value):
    response = client.get("/nn/sok/", {"q": "kommune", parameter: value})
    assert response.status_code == 200
    text = response.content.decode()
    assert "mellom 1800 og 2199" in text
    assert value in text  # the form keeps what was typed


@pytest.mark.parametrize("value", EXTREMES)
@pytest.mark.parametrize("parameter", ["from", "to"])
def test_the_search_api_answers_400_naming_the_parameter(client, parameter, value):
    response = client.get(
        "/api/search", {"q": "kommune", parameter: value}, HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["parameter"] == parameter
    assert "mellom 1800 og 2199" in error["message"]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_the_api_s_as_of_follows_the_same_rule(client, value):
    response = client.get("/api/municipalities", {"as_of": value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "between 1800 and 2199" in response.json()["errors"][0]["message"]


def test_a_page_s_date_form_follows_the_same_rule(client):
    response = client.get("/en/kommuner/", {"date": "9999-12-31"})
    assert response.status_code == 200
    assert "between 1800 and 2199" in response.content.decode()


def test_dates_inside_the_range_are_taken(client):
    response = client.get("/api/search", {"q": "kommune", "from": "1800-01-01", "to": "2199-12-31"})
    assert response.status_code == 200
