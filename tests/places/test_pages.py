import pytest
from django.urls import reverse


def test_municipalities_on_a_date_grouped_by_county(client, snapshot_timeline):
    response = client.get(reverse("places:index"), {"date": "2017-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Møre og Romsdal (15)" in html
    assert "Sør-Trøndelag (16)" in html
    assert ">Ørskog</a>" in html
    response = client.get(reverse("places:index"), {"date": "2024-01-01"})
    html = response.content.decode()
    assert ">Ørskog</a>" not in html
    assert "Trøndelag (50)" in html


def test_a_bad_date_is_explained_and_kept_in_the_form(client, snapshot_timeline):
    response = client.get("/en/kommuner/", {"date": "2017-13-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "“2017-13-01” is not a date" in html
    assert 'value="2017-13-01"' in html
    assert 'aria-invalid="true"' in html
    response = client.get("/nn/kommuner/", {"date": "i fjor"})
    assert "«i fjor» er ikkje ein dato" in response.content.decode()


def test_a_code_page_explains_its_history_in_words(client, snapshot_timeline):
    response = client.get("/en/kommuner/1534/")
    html = response.content.decode()
    assert "Haram (1534) became part of Ålesund (1507) on 1 January 2020." in html
    assert "Haram (1580)" in html  # what it is today
    response = client.get(reverse("places:municipality", args=["1507"]))
    html = response.content.decode()
    assert "Ålesund (1508)" in html and "Haram (1580)" in html


def test_an_unknown_code_is_404(client, snapshot_timeline):
    assert client.get(reverse("places:municipality", args=["9999"])).status_code == 404


@pytest.mark.parametrize("date", ["2017-01-01", "2024-01-01"])
def test_the_list_costs_a_fixed_number_of_queries(
    client, snapshot_timeline, date, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get(reverse("places:index"), {"date": date})
