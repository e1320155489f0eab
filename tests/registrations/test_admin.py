"""Organisers in Wagtail's admin: list, filters, export, actions, check-in, e-mail, rights."""

import io
import json

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from byregion.registrations import services
from byregion.registrations.models import Registration, Status

from .conftest import key, make_gathering, make_user

FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1+1", "-2+3", "\tTAB", "\rCR"]


def test_exports_neutralise_spreadsheet_formulas(client, organiser, applicant):
    """Free text a participant typed never runs as a formula in the organiser's spreadsheet
    (OWASP, CSV injection): a cell starting with = + - @ tab or CR gets a leading apostrophe,
    in CSV and in Excel, where the cell is also a string, never a formula."""
    import csv

    gathering = make_gathering(capacity=10)
    for text in FORMULAS:
        services.register(
            gathering,
            applicant(name=text, organisation_name=text, position=text),
            idempotency_key=key(),
        )
    client.force_login(organiser)
    index = reverse("registration_records:index")
    query = {"gathering": gathering.pk}
    csv_text = b"".join(client.get(index, {**query, "export": "csv"}).streaming_content)
    csv_text = csv_text.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text, newline=""), delimiter=";"))[1:]
    assert len(rows) == len(FORMULAS)
    for column in (2, 5, 6):  # name, organisation name, position (list_export's order)
        assert sorted(row[column] for row in rows) == sorted("'" + t for t in FORMULAS)
    response = client.get(index, {**query, "export": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [row[2] for row in book.active.iter_rows(min_row=2)]
    # XML reads a stored carriage return back as a line feed; the apostrophe is what counts.
    values = sorted(c.value.replace("\n", "\r") for c in cells)
    assert values == sorted("'" + t for t in FORMULAS)
    assert {c.data_type for c in cells} == {"s"}


@pytest.fixture
def editor(django_user_model):
    """May use the admin, but has no rights on registrations."""
    return make_user(django_user_model, "redaktor")


@pytest.fixture
def seated(applicant):
    gathering = make_gathering(capacity=2)
    people = [services.register(gathering, applicant(), idempotency_key=key()) for _ in range(3)]
    return gathering, people


def test_list_searches_and_filters(client, organiser, seated):
    gathering, people = seated
    client.force_login(organiser)
    index = reverse("registration_records:index")
    html = client.get(index, {"q": people[2].name}).content.decode()
    assert people[2].name in html and people[0].name not in html
    html = client.get(index, {"gathering": gathering.pk, "status": "waitlisted"}).content.decode()
    assert people[2].name in html and people[1].name not in html


def test_csv_and_excel_export_are_logged(client, organiser, seated):
    gathering, people = seated
    client.force_login(organiser)
    index = reverse("registration_records:index")
    csv_text = b"".join(client.get(index, {"export": "csv"}).streaming_content).decode()
    assert people[0].email in csv_text and people[2].name in csv_text
    response = client.get(index, {"export": "xlsx", "gathering": gathering.pk})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(p.name for p in people)
    entries = PageLogEntry.objects.filter(action="registrations.export", page=gathering)
    assert entries.count() == 2 and entries.first().user == organiser
    assert {e.data["format"] for e in entries} == {"csv", "xlsx"}


def test_manual_add_follows_capacity_and_waitlist(client, organiser, seated, roles):
    gathering, _ = seated
    client.force_login(organiser)
    response = client.post(
        reverse("registration_records:add"),
        {
            "gathering": gathering.pk,
            "name": "Manuelt lagt til",
            "email": "manuell@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "role": roles["other"].pk,
        },
    )
    assert response.status_code == 302
    added = Registration.objects.get(name="Manuelt lagt til")
    assert added.status == Status.WAITLISTED and added.idempotency_key
    entry = ModelLogEntry.objects.get(action="registrations.register", object_id=str(added.pk))
    assert entry.user == organiser and entry.data == {"by": "organiser", "status": "waitlisted"}


def test_cancel_move_check_in_and_erase_actions(client, organiser, seated):
    _, people = seated
    client.force_login(organiser)

    def act(person, action):
        return client.post(reverse("registrations_admin:act", args=[person.pk, action]))

    act(people[2], "promote")
    assert Registration.objects.get(pk=people[2].pk).status == Status.CONFIRMED
    act(people[0], "check_in")
    assert Registration.objects.get(pk=people[0].pk).checked_in_at
    act(people[1], "cancel")
    assert Registration.objects.get(pk=people[1].pk).status == Status.CANCELLED
    act(people[1], "erase")
    assert Registration.objects.get(pk=people[1].pk).name == ""
    logged = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"registrations.promote", "registrations.check_in", "registrations.cancel",
            "registrations.erase"} <= logged  # fmt: skip
    manage = client.get(reverse("registrations_admin:manage", args=[people[0].pk]))
    assert people[0].email in manage.content.decode()


def test_export_one_persons_data_is_logged(client, organiser, seated):
    _, people = seated
    client.force_login(organiser)
    response = client.get(reverse("registrations_admin:export_person", args=[people[0].pk]))
    assert json.loads(response.content)["email"] == people[0].email
    entry = ModelLogEntry.objects.get(action="registrations.export")
    assert entry.user == organiser and people[0].name not in entry.label


def test_check_in_by_name_and_by_scanned_code(client, organiser, seated):
    gathering, people = seated
    client.force_login(organiser)
    page = reverse("registrations_admin:check_in", args=[gathering.pk])
    html = client.get(page, {"q": people[1].name.split()[-1]}).content.decode()
    assert people[1].name in html and "0 av 2 bekreftede deltakere har kommet." in html
    client.post(page, {"q": people[1].check_in_code.lower()})
    client.post(page, {"registration": people[0].pk})
    response = client.get(page, follow=True)
    assert "2 av 2 bekreftede deltakere har kommet." in response.content.decode()
    response = client.post(page, {"q": people[2].check_in_code}, follow=True)
    assert "ikke bekreftet" in response.content.decode()  # waitlisted: refused, said why


def test_email_to_all_confirmed_participants_is_queued_and_logged(
    client, organiser, seated, django_capture_on_commit_callbacks
):
    gathering, people = seated
    client.force_login(organiser)
    mail.outbox.clear()
    client.post(
        reverse("registrations_admin:message", args=[gathering.pk]),
        {"subject": "Praktisk informasjon", "body": "Velkomen til samlinga."},
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, people[1].email])
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert PageLogEntry.objects.filter(action="registrations.message", page=gathering).exists()


def test_gathering_overview_shows_private_totals(client, organiser, seated):
    gathering, _ = seated
    client.force_login(organiser)
    html = client.get(
        reverse("registrations_admin:gathering", args=[gathering.pk])
    ).content.decode()
    assert "Til kjøkkenet og vertskapet" in html and "Send e-post til alle" in html


def test_users_without_registration_rights_are_refused(client, editor, seated):
    gathering, people = seated
    client.force_login(editor)
    for url in (
        reverse("registration_records:index"),
        reverse("registration_records:index") + "?export=csv",
        reverse("registrations_admin:gatherings"),
        reverse("registrations_admin:gathering", args=[gathering.pk]),
        reverse("registrations_admin:check_in", args=[gathering.pk]),
        reverse("registrations_admin:manage", args=[people[0].pk]),
        reverse("registrations_admin:export_person", args=[people[0].pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert people[0].email.encode() not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )
    for action in ("cancel", "promote", "check_in", "erase"):
        response = client.post(reverse("registrations_admin:act", args=[people[2].pk, action]))
        assert response["Location"] == reverse("wagtailadmin_home")
    client.post(
        reverse("registrations_admin:message", args=[gathering.pk]), {"subject": "x", "body": "y"}
    )
    assert Registration.objects.get(pk=people[2].pk).status == Status.WAITLISTED
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()
    assert not mail.outbox or all(m.subject != "x" for m in mail.outbox)


def test_viewing_organiser_cannot_erase(client, django_user_model, seated):
    _, people = seated
    client.force_login(
        make_user(django_user_model, "lesar", "view_registration", "change_registration")
    )
    response = client.post(reverse("registrations_admin:act", args=[people[0].pk, "erase"]))
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert Registration.objects.get(pk=people[0].pk).name == people[0].name


def test_editing_corrects_details_but_cannot_move_to_another_gathering(
    client, organiser, seated, roles
):
    gathering, people = seated
    other = make_gathering(capacity=0)
    client.force_login(organiser)
    edit = reverse("registration_records:edit", args=[people[0].pk])
    assert 'name="gathering"' not in client.get(edit).content.decode()
    client.post(
        edit,
        {
            "gathering": other.pk,
            "name": "Retta namn",
            "email": people[0].email,
            "organisation_name": "Testorganisasjonen",
            "role": roles["other"].pk,
        },
    )
    people[0].refresh_from_db()
    assert people[0].name == "Retta namn" and people[0].gathering_id == gathering.pk
