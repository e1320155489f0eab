"""The organisers' CSV and Excel exports read as the admin does (issue 16, item 3): Oslo
time without microseconds, translated statuses and headings, "Ja"/"Nei", the gathering's
slug and date in the file name, and a CSV that a Norwegian spreadsheet opens right (UTF-8
with a byte-order mark, semicolon-separated)."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from byregion.registrations import services
from byregion.registrations.models import Registration

from .conftest import key, make_gathering

OSLO = ZoneInfo("Europe/Oslo")
# Summer time in Oslo: two hours ahead of UTC, so an export in UTC is visibly off.
REGISTERED = dt.datetime(2026, 6, 1, 8, 5, 9, 123456, tzinfo=dt.UTC)


@pytest.fixture
def exported(client, organiser, applicant):
    gathering = make_gathering(capacity=1, slug="byregionsamling-alesund")
    gathering.start = dt.datetime(2027, 3, 22, 9, 0, tzinfo=OSLO)
    gathering.end = gathering.start + dt.timedelta(days=1)
    gathering.save()
    first = services.register(gathering, applicant(public_consent=True), idempotency_key=key())
    services.register(gathering, applicant(), idempotency_key=key())  # waitlisted
    Registration.objects.filter(gathering=gathering).update(created=REGISTERED)
    client.force_login(organiser)
    index = reverse("registration_records:index")
    return gathering, first, index


def csv_rows(response) -> tuple[bytes, list[list[str]]]:
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def by_name(heading, people, name) -> dict:
    """The exported row of the person called `name`: rows are found by who they are, not
    by where they stand."""
    (row,) = [dict(zip(heading, person, strict=True)) for person in people if name in person]
    return row


def test_csv_opens_right_in_a_norwegian_spreadsheet(client, exported):
    gathering, first, index = exported
    response = client.get(index, {"gathering": gathering.pk, "export": "csv"})
    raw, rows = csv_rows(response)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    assert "charset=utf-8" in response["Content-Type"]
    heading, *people = rows
    assert len(heading) > 10 and all(len(row) == len(heading) for row in people)
    assert heading[:3] == ["Samling", "Status", "Navn"]
    column = by_name(heading, people, first.name)
    assert column["Status"] == "bekreftet"
    assert {row[1] for row in people} == {"bekreftet", "på venteliste"}
    assert column["På den offentlige deltakerlisten"] in ("Ja",)
    assert {dict(zip(heading, r, strict=True))["På den offentlige deltakerlisten"]
            for r in people} == {"Ja", "Nei"}  # fmt: skip
    # Oslo time (UTC+2 in June), no seconds' fractions, as the admin shows it.
    assert column["Påmeldt"] == "01.06.2026 10:05"
    assert not any(re.search(r"\d\.\d{6}|\+00:00|UTC", cell) for row in people for cell in row)


def test_file_names_carry_the_gathering_and_its_date(client, exported):
    gathering, _, index = exported
    for export, extension in (("csv", "csv"), ("xlsx", "xlsx")):
        response = client.get(index, {"gathering": gathering.pk, "export": export})
        disposition = response["Content-Disposition"]
        assert f"pameldinger-byregionsamling-alesund-2027-03-22.{extension}" in disposition
    today = timezone.localdate().isoformat()
    response = client.get(index, {"export": "csv"})  # every gathering: the day's date
    assert f"pameldinger-{today}.csv" in response["Content-Disposition"]


def test_excel_has_oslo_times_as_dates_and_translated_values(client, exported):
    gathering, first, index = exported
    response = client.get(index, {"gathering": gathering.pk, "export": "xlsx"})
    heading, *people = xlsx_rows(response)
    row = by_name(heading, people, first.name)
    assert row["Status"] == "bekreftet"
    assert row["På den offentlige deltakerlisten"] == "Ja"
    # A real date-time cell, in Oslo time, without microseconds.
    assert row["Påmeldt"] == dt.datetime(2026, 6, 1, 10, 5, 9)
    assert all(
        not isinstance(value, dt.datetime) or value.microsecond == 0
        for person in people
        for value in person
    )


def test_registrations_made_in_the_same_instant_keep_one_order(client, exported):
    """The list and both exports are newest first; two registrations with the same time
    (a burst, or rows moved in bulk) stand newest row first, the same on every database
    and every page, instead of in whatever order the database happened to return."""
    gathering, first, index = exported
    later = Registration.objects.filter(gathering=gathering).exclude(pk=first.pk).get()
    expected = [later.name, first.name]
    rows = csv_rows(client.get(index, {"gathering": gathering.pk, "export": "csv"}))[1]
    assert [row[2] for row in rows[1:]] == expected
    rows = xlsx_rows(client.get(index, {"gathering": gathering.pk, "export": "xlsx"}))
    assert [row[2] for row in rows[1:]] == expected
    page = client.get(index, {"gathering": gathering.pk}).content.decode()
    assert page.index(later.name) < page.index(first.name)
