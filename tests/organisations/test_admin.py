"""Managing organisations in the Wagtail admin, as an editor does, through its views."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from byregion.organisations.models import Organisation, OrganisationKind

from .conftest import make_organisation

ADD = "wagtailsnippets_organisations_organisation:add"
EDIT = "wagtailsnippets_organisations_organisation:edit"
LIST = "wagtailsnippets_organisations_organisation:list"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", "pw")
    client.force_login(user)
    return client


def form(**overrides):
    """The organisation form as the browser posts it: every field, and the three inlines."""
    data = {
        "name": "Ålesund kommune",
        "slug": "",
        "kind": OrganisationKind.MUNICIPALITY,
        "org_number": "942 953 119",
        "municipality": "",
        "logo": "",
        "description": "",
        "established": "",
        "dissolved": "",
        "phone": "70 16 20 00",
        "email": "",
        "website": "",
        "postal_street": "Postboks 1521",
        "postal_postcode": "6025",
        "postal_town": "Ålesund",
        "visiting_street": "Keiser Wilhelms gt. 11",
        "visiting_postcode": "6003",
        "visiting_town": "Ålesund",
        "switchboard_hours": inline_formset(
            [{"weekday": str(d), "opens": "08:00", "closes": "15:45"} for d in range(5)]
        ),
        "opening_hours": inline_formset([]),
        "hours_exceptions": inline_formset(
            [{"date": "2026-12-24", "label": "Julaften", "closed": "on", "opens": "", "closes": ""}]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_creates_an_organisation_with_its_hours(editor_client):
    response = editor_client.get(reverse(ADD))
    assert response.status_code == 200
    response = editor_client.post(reverse(ADD), form())
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.slug == "alesund-kommune"
    assert organisation.org_number == "942953119"
    assert organisation.phone == "70162000"
    assert organisation.switchboard_hours.count() == 5
    exception = organisation.hours_exceptions.get()
    assert exception.closed and exception.label == "Julaften"


def test_the_edit_form_has_the_hours_as_inline_panels(editor_client, alesund_kommune):
    html = editor_client.get(reverse(EDIT, args=[alesund_kommune.pk])).content.decode()
    assert "Sentralbordets åpningstider" in html
    assert 'name="switchboard_hours-TOTAL_FORMS" value="5"' in html
    assert 'name="opening_hours-TOTAL_FORMS"' in html
    assert 'name="hours_exceptions-TOTAL_FORMS"' in html
    assert 'value="942953119"' in html


def test_a_wrong_check_digit_is_refused_in_the_form_and_nothing_changes(editor_client):
    editor_client.post(reverse(ADD), form())
    organisation = Organisation.objects.get()
    rows = organisation.switchboard_hours.order_by("weekday")
    data = form(
        name="Nytt namn",
        org_number="942 953 118",
        switchboard_hours=inline_formset(
            [
                {
                    "id": str(row.pk),
                    "weekday": str(row.weekday),
                    "opens": "07:00",
                    "closes": "15:45",
                }
                for row in rows
            ],
            initial=len(rows),
        ),
        hours_exceptions=inline_formset([]),
    )
    response = editor_client.post(reverse(EDIT, args=[organisation.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    # The admin speaks Bokmål by default: the message is translated and names the field.
    assert "Organisasjonsnummer: 942 953 118 har feil kontrollsiffer." in html
    assert 'value="942 953 118"' in html  # the editor's input is kept
    organisation.refresh_from_db()
    assert organisation.name == "Ålesund kommune"
    assert organisation.org_number == "942953119"
    assert {row.opens.hour for row in organisation.switchboard_hours.all()} == {8}
    assert organisation.hours_exceptions.count() == 1


def test_a_bad_inline_row_saves_nothing(editor_client):
    data = form(
        opening_hours=inline_formset([{"weekday": "0", "opens": "15:00", "closes": "09:00"}])
    )
    response = editor_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Stengetid må være etter åpningstid." in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_weekday_entered_twice_is_an_error_in_the_form(editor_client):
    twice = [{"weekday": "0", "opens": "08:00", "closes": "15:45"}] * 2
    response = editor_client.post(reverse(ADD), form(switchboard_hours=inline_formset(twice)))
    assert response.status_code == 200
    assert "korriger dupliserte data" in response.content.decode()  # Django's own message
    assert not Organisation.objects.exists()


def test_the_list_searches_by_name_or_organisation_number_and_filters_by_kind(
    editor_client, alesund_kommune
):
    make_organisation("Kommunal- og moderniseringsdepartementet", kind=OrganisationKind.MINISTRY)
    for query in ("942 953 119", "942953119", "Ålesund"):
        html = editor_client.get(reverse(LIST), {"q": query}).content.decode()
        assert "Ålesund kommune" in html, query
        assert "moderniseringsdepartementet" not in html, query
    html = editor_client.get(reverse(LIST), {"kind": OrganisationKind.MINISTRY}).content.decode()
    assert "moderniseringsdepartementet" in html and "Ålesund kommune" not in html
    assert "942 953 119" in editor_client.get(reverse(LIST)).content.decode()
