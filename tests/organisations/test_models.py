"""Validation of an organisation and its hours: what is refused, and with which message."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from byregion.organisations.models import (
    HoursException,
    OpeningHours,
    Organisation,
    OrganisationKind,
)
from byregion.places.models import Municipality, PlaceKind

from .conftest import make_organisation


def errors_of(organisation: Organisation) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    return caught.value.message_dict


def test_a_valid_organisation_number_is_stored_as_nine_digits(alesund_kommune):
    alesund_kommune.refresh_from_db()
    assert alesund_kommune.org_number == "942953119"
    assert alesund_kommune.org_number_display == "942 953 119"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Organisation number: 942 953 118 has a wrong check digit."),
        ("nb", "Organisasjonsnummer: 942 953 118 har feil kontrollsiffer."),
        ("nn", "Organisasjonsnummer: 942 953 118 har feil kontrollsiffer."),
    ],
)
def test_a_wrong_check_digit_is_refused_with_a_message_naming_the_field(language, expected):
    organisation = Organisation(name="X", kind=OrganisationKind.OTHER, org_number="942953118")
    with translation.override(language):
        messages = errors_of(organisation)["org_number"]
    assert len(messages) == 1
    assert messages[0].startswith(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "start"),
    [("94295311", "Organisation number: it must have 9 digits"), ("94295311X", "Organisation")],
)
def test_a_wrong_length_or_letters_are_refused_once(number, start):
    organisation = Organisation(name="X", kind=OrganisationKind.OTHER, org_number=number)
    with translation.override("en"):
        messages = errors_of(organisation)["org_number"]
    assert len(messages) == 1
    assert messages[0].startswith(start)


def test_two_organisations_cannot_share_an_organisation_number(alesund_kommune):
    duplicate = Organisation(name="Y", kind=OrganisationKind.OTHER, org_number="942953119")
    with translation.override("en"):
        assert errors_of(duplicate)["__all__"] == [
            "Organisation number: another organisation already has this number."
        ]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.django_db
def test_organisations_without_a_number_do_not_clash():
    make_organisation("A")
    make_organisation("B")
    assert Organisation.objects.filter(org_number="").count() == 2


@pytest.mark.django_db
def test_phone_numbers_are_stored_compact_and_nonsense_is_refused():
    organisation = make_organisation("A", phone="+47 70 16 20 00")
    assert organisation.phone == "70162000"
    organisation.phone = "0046 8 123 456 78"
    organisation.full_clean()
    assert organisation.phone == "+46812345678"
    organisation.phone = "123"
    with translation.override("en"):
        assert errors_of(organisation)["phone"][0].startswith("Phone number: enter 8 digits")


@pytest.mark.django_db
def test_the_slug_is_made_from_the_name_with_norwegian_letters():
    assert make_organisation("Ørskog kommune").slug == "orskog-kommune"
    assert make_organisation("Fræna kommune").slug == "fraena-kommune"
    assert make_organisation("Ålesund kommune").slug == "alesund-kommune"


@pytest.mark.django_db
def test_only_a_municipality_links_to_a_municipality():
    place = Municipality.objects.create(
        kind=PlaceKind.MUNICIPALITY, code="1504", name="Ålesund", valid_from=date(1977, 1, 1)
    )
    organisation = Organisation(name="X", kind=OrganisationKind.COMPANY, municipality=place)
    assert "municipality" in errors_of(organisation)
    organisation.kind = OrganisationKind.MUNICIPALITY
    organisation.full_clean()


@pytest.mark.django_db
def test_an_address_needs_a_postcode_of_four_digits_and_a_town():
    organisation = Organisation(name="X", kind=OrganisationKind.OTHER, postal_street="Postboks 1")
    errors = errors_of(organisation)
    assert set(errors) == {"postal_postcode", "postal_town"}
    organisation.postal_postcode, organisation.postal_town = "602", "Ålesund"
    with translation.override("en"):
        assert errors_of(organisation)["postal_postcode"] == [
            "Postcode: a Norwegian postcode has 4 digits, e.g. 6003."
        ]


@pytest.mark.django_db
def test_dissolved_comes_after_established():
    organisation = Organisation(
        name="X",
        kind=OrganisationKind.OTHER,
        established=date(2020, 1, 1),
        dissolved=date(2019, 1, 1),
    )
    assert "dissolved" in errors_of(organisation)


def test_weekly_hours_close_after_they_open(alesund_kommune):
    row = OpeningHours(organisation=alesund_kommune, weekday=0, opens=time(15), closes=time(9))
    assert "closes" in errors_of(row)
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_an_exception_is_either_closed_or_has_hours(alesund_kommune):
    both = HoursException(
        organisation=alesund_kommune,
        date=date(2026, 12, 24),
        label="Julaften",
        closed=True,
        opens=time(9),
    )
    neither = HoursException(
        organisation=alesund_kommune, date=date(2026, 12, 24), label="Julaften"
    )
    for exception in (both, neither):
        with pytest.raises(ValidationError):
            exception.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            exception.save()
    HoursException(
        organisation=alesund_kommune,
        date=date(2026, 12, 24),
        label="Julaften",
        opens=time(9),
        closes=time(12),
    ).full_clean()
