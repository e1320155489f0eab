# ruff: noqa: RUF001 (the en dash in times and day ranges is what these tests check)
from datetime import time

import pytest
from django.utils import translation

from byregion.organisations import formatting


def test_times_have_a_full_stop_and_two_digit_hours():
    assert formatting.format_time(time(8, 0)) == "08.00"
    assert formatting.format_time(time(15, 45)) == "15.45"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "kl. 08.00–15.45"), ("nn", "kl. 08.00–15.45"), ("en", "08.00–15.45")],
)
def test_hours_are_a_span_with_an_en_dash_and_kl_in_norwegian(language, expected):
    with translation.override(language):
        assert formatting.format_hours(time(8), time(15, 45)) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("70162000", "70 16 20 00"),  # landline: pairs
        ("91234567", "912 34 567"),  # mobile: 3-2-3
        ("41234567", "412 34 567"),
        ("80012345", "800 12 345"),  # freephone: 3-2-3
        ("+46812345678", "+46812345678"),  # abroad: as stored
        ("", ""),
    ],
)
def test_phone_numbers_are_grouped_norwegian_style(number, expected):
    assert formatting.format_phone(number) == expected


def test_phone_links_and_machine_readable_numbers_carry_the_country_code():
    assert formatting.phone_uri("70162000") == "tel:+4770162000"
    assert formatting.phone_uri("+46812345678") == "tel:+46812345678"
    assert formatting.format_phone_international("70162000") == "+47 70 16 20 00"


def test_organisation_numbers_are_shown_in_threes():
    assert formatting.format_org_number("942953119") == "942 953 119"
    assert formatting.format_org_number("") == ""


def test_day_ranges_follow_the_language():
    with translation.override("nb"):
        assert formatting.format_day_range(0, 4) == "mandag–fredag"
        assert formatting.format_day_range(5, 5) == "lørdag"
    with translation.override("en"):
        assert formatting.format_day_range(0, 4) == "Monday–Friday"


def test_web_addresses_are_shown_without_scheme_and_trailing_slash():
    assert formatting.format_web_address("https://alesund.kommune.no/") == "alesund.kommune.no"
    assert formatting.format_web_address("http://example.org/a/") == "example.org/a"
