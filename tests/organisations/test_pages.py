# ruff: noqa: RUF001 (the en dash in times and day ranges is what these tests check)
"""The public directory: list and detail pages, the contact block, JSON-LD, query budgets."""

import json
import re
from datetime import time, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images.tests.utils import get_test_image_file

from byregion.images.models import CreditedImage
from byregion.organisations import directory
from byregion.organisations.hours import monday_of
from byregion.organisations.models import (
    HoursException,
    OpeningHours,
    OrganisationKind,
    SwitchboardHours,
)

from .conftest import make_organisation

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> dict:
    found = JSON_LD.findall(html)
    assert len(found) == 1
    return json.loads(found[0])


def table_row(html: str, day) -> str:
    """The contact block's table row for `day`."""
    match = re.search(
        rf'<tr[^>]*>\s*<th scope="row">\s*<time datetime="{day}">.*?</tr>', html, re.S
    )
    assert match, f"no row for {day}"
    return re.sub(r"\s+", " ", match.group(0))


@pytest.fixture
def this_monday():
    return monday_of(timezone.localdate())


@pytest.fixture
def alesund_with_opening_hours(alesund_kommune, this_monday):
    """Alesund with test opening hours, closed this Monday for a (made-up) holiday."""
    OpeningHours.objects.bulk_create(
        OpeningHours(organisation=alesund_kommune, weekday=d, opens=time(9), closes=time(15))
        for d in range(5)
    )
    HoursException.objects.create(
        organisation=alesund_kommune, date=this_monday, label="Testdagen", closed=True
    )
    # Next week's exception must not show this week.
    HoursException.objects.create(
        organisation=alesund_kommune,
        date=this_monday + timedelta(days=8),
        label="Neste uke",
        closed=True,
    )
    return alesund_kommune


def test_the_detail_page_shows_the_contact_block(client, alesund_kommune):
    response = client.get(reverse("organisations:detail", kwargs={"slug": "alesund-kommune"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="ds-heading" data-size="xl">Ålesund kommune</h1>' in html
    assert '<a class="ds-link" href="tel:+4770162000">70 16 20 00</a>' in html
    assert "Mandag–fredag kl. 08.00–15.45" in html
    assert '<a class="ds-link" href="mailto:post@example.org">post@example.org</a>' in html
    assert ">www.example.org</a>" in html
    assert "<address>Postboks 1521<br>6025 Ålesund</address>" in html
    assert "<address>Keiser Wilhelms gt. 11<br>6003 Ålesund</address>" in html
    assert "<dt>Org.nr.</dt>\n    <dd>942 953 119</dd>" in html
    assert "<title>Ålesund kommune" in html


def test_the_week_shows_a_holiday_closed_and_regular_days_open(client, alesund_with_opening_hours):
    this_monday = monday_of(timezone.localdate())
    html = client.get(alesund_with_opening_hours.get_absolute_url()).content.decode()
    monday = table_row(html, this_monday)
    assert "Testdagen" in monday
    assert monday.count("<td>Stengt</td>") == 2  # opening hours and switchboard
    tuesday = table_row(html, this_monday + timedelta(days=1))
    assert "<td>kl. 09.00–15.00</td> <td>kl. 08.00–15.45</td>" in tuesday
    assert "<td>Stengt</td>" in table_row(html, this_monday + timedelta(days=6))
    assert "Neste uke" not in html
    assert html.count('aria-current="date"') == 1


def test_other_languages_translate_the_block(client, alesund_kommune):
    with translation.override("en"):
        assert alesund_kommune.get_absolute_url() == "/en/organisasjoner/alesund-kommune/"
        html = client.get(alesund_kommune.get_absolute_url()).content.decode()
    assert "<dt>Switchboard</dt>" in html
    assert "Monday–Friday 08.00–15.45" in html
    with translation.override("nn"):
        html = client.get(alesund_kommune.get_absolute_url()).content.decode()
    assert "<dt>Sentralbord</dt>" in html
    assert "Måndag–fredag kl. 08.00–15.45" in html


@pytest.mark.django_db
def test_an_unknown_organisation_is_not_found(client):
    assert client.get(reverse("organisations:detail", args=["finst-ikkje"])).status_code == 404


def test_json_ld_describes_the_organisation(client, alesund_with_opening_hours, this_monday):
    url = alesund_with_opening_hours.get_absolute_url()
    data = json_ld(client.get(url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["@id"] == f"{settings.SITE_URL}{url}"
    assert data["name"] == "Ålesund kommune"
    assert data["url"] == "https://www.example.org/"
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "NO:ORGNR",
        "value": "942953119",
    }
    assert data["telephone"] == "+47 70 16 20 00"
    visiting, postal = data["address"]
    assert visiting["streetAddress"] == "Keiser Wilhelms gt. 11"
    assert visiting["postalCode"] == "6003"
    assert postal["streetAddress"] == "Postboks 1521"
    assert postal["addressLocality"] == "Ålesund"
    weekly, holiday = data["openingHoursSpecification"]
    assert weekly["dayOfWeek"] == [
        f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert (weekly["opens"], weekly["closes"]) == ("09:00", "15:00")
    assert holiday["validFrom"] == holiday["validThrough"] == this_monday.isoformat()
    assert (holiday["opens"], holiday["closes"]) == ("00:00", "00:00")
    switchboard = data["contactPoint"]["hoursAvailable"][0]
    assert (switchboard["opens"], switchboard["closes"]) == ("08:00", "15:45")


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client):
    organisation = make_organisation("A </script><b>bold</b> & co")
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "</script><b>" not in html
    assert json_ld(html)["name"] == "A </script><b>bold</b> & co"


@pytest.mark.django_db
def test_the_list_page_filters_by_kind_and_shows_contact_blocks(client, alesund_kommune):
    make_organisation("Distriktssenteret", kind=OrganisationKind.DIRECTORATE)
    make_organisation("Ørskog kommune", kind=OrganisationKind.MUNICIPALITY, dissolved="2020-01-01")
    index = reverse("organisations:index")
    html = client.get(index).content.decode()
    assert "Distriktssenteret" in html and "Ørskog kommune" in html
    assert "70 16 20 00" in html  # Ålesund's contact block
    assert 'href="?kind=municipality">Kommune (2)</a>' in html
    assert '<time datetime="2020-01-01">Nedlagt 1. januar 2020</time>' in html
    html = client.get(index, {"kind": "municipality"}).content.decode()
    assert "Ørskog kommune" in html and "Distriktssenteret" not in html
    # An unknown kind shows them all rather than failing.
    assert "Distriktssenteret" in client.get(index, {"kind": "nope"}).content.decode()


@pytest.mark.django_db
def test_the_list_page_is_paginated(client):
    for n in range(directory.PER_PAGE + 5):
        make_organisation(f"Kommune {n:02d}", kind=OrganisationKind.MUNICIPALITY)
    index = reverse("organisations:index")
    first = client.get(index, {"kind": "municipality"}).content.decode()
    assert first.count('<article class="ds-card"') == directory.PER_PAGE
    assert 'href="?kind=municipality&amp;page=2"' in first
    second = client.get(index, {"kind": "municipality", "page": 2}).content.decode()
    assert second.count('<article class="ds-card"') == 5
    assert "Kommune 24" in second and "Kommune 00" not in second


def test_the_read_functions_keep_their_query_budgets(alesund_kommune, django_assert_num_queries):
    with django_assert_num_queries(4):
        organisation = directory.organisation_with_contact("alesund-kommune")
    with django_assert_num_queries(5):
        page = directory.organisation_page()
    with django_assert_num_queries(0):
        html = render_to_string(
            "organisations/includes/contact_block.html", {"organisation": organisation}
        )
        for listed in page:
            render_to_string("organisations/includes/contact_block.html", {"organisation": listed})
    assert "70 16 20 00" in html


def _queries(client, url) -> int:
    # The first request after a change fills the caches (the header and footer are kept
    # until the content changes); what a page costs is counted after it.
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_pages_cost_the_same_however_much_they_show(
    client, alesund_kommune, this_monday, uncached
):
    index = reverse("organisations:index")
    client.get(index)  # Wagtail keeps the sites' root paths in the cache from the first
    few_list, few_detail = (
        _queries(client, index),
        _queries(client, alesund_kommune.get_absolute_url()),
    )
    assert few_list > 0 and few_detail > 0
    for n in range(12):
        organisation = make_organisation(f"Org {n}", phone="70162000")
        SwitchboardHours.objects.create(
            organisation=organisation, weekday=1, opens=time(8), closes=time(16)
        )
        HoursException.objects.create(
            organisation=organisation, date=this_monday, label="x", closed=True
        )
    OpeningHours.objects.bulk_create(
        OpeningHours(organisation=alesund_kommune, weekday=d, opens=time(9), closes=time(10))
        for d in range(7)
    )
    HoursException.objects.create(
        organisation=alesund_kommune, date=this_monday, label="x", closed=True
    )
    assert _queries(client, index) == few_list
    assert _queries(client, alesund_kommune.get_absolute_url()) == few_detail


@pytest.mark.django_db
def test_an_organisation_with_nothing_known_shows_no_empty_contact_block(client):
    organisation = make_organisation("Sula kommune", kind=OrganisationKind.MUNICIPALITY)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Ingen kontaktopplysninger er registrert for denne organisasjonen ennå." in html
    assert "organisation-contact" not in html
    assert "organisation-contact" not in client.get(reverse("organisations:index")).content.decode()


def test_the_logo_is_shown_with_its_alt_text_at_one_query_more(
    client, alesund_kommune, django_assert_num_queries
):
    alesund_kommune.logo = CreditedImage.objects.create(
        title="Logo", file=get_test_image_file(), credit="Ålesund kommune", description="Byvåpen"
    )
    alesund_kommune.save()
    with django_assert_num_queries(5):  # the fifth: the logo's renditions
        directory.organisation_with_contact("alesund-kommune")
    html = client.get(alesund_kommune.get_absolute_url()).content.decode()
    assert re.search(r'<img alt="Byvåpen" class="organisation-logo"[^>]* src="[^"]+\.png"', html)
