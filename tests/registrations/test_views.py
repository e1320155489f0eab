"""The participant's side through HTTP: the form, its errors, the e-mail, the personal page."""

import datetime as dt
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from byregion.gatherings.models import GatheringStatus
from byregion.registrations import services
from byregion.registrations.models import Registration, SessionChoice, Status

from .conftest import key, make_gathering, make_session


def url(gathering, language="nb"):
    with translation.override(language):
        return reverse("registrations:register", args=[gathering.slug])


def test_form_shows_fields_a_fresh_key_and_is_never_cached(client, gathering, roles):
    response = client.get(url(gathering))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="idempotency_key"' in html and 'name="public_consent"' in html
    assert 'name="public_consent" id="id_public_consent" checked' not in html  # off by default
    assert "no-store" in response["Cache-Control"]
    keys = {
        re.search(
            r'name="idempotency_key" value="([^"]+)"', client.get(url(gathering)).content.decode()
        )[1]
        for _ in range(2)
    }
    assert len(keys) == 2


def test_registering_sends_a_confirmation_with_calendar_qr_and_personal_link(
    client, gathering, form_data, django_capture_on_commit_callbacks
):
    workshop = make_session(gathering, "Verkstad om næringsliv", capacity=10, format="workshop")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(gathering), form_data(sessions=[workshop.pk]))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_personal_url() + "?new=1"
    assert registration.status == Status.CONFIRMED and registration.language == "nb"
    assert registration.public_consent is False
    [message] = mail.outbox
    assert message.to == ["testdeltakar@example.invalid"]
    assert message.subject == f"Påmelding bekreftet: {gathering.title}"
    assert registration.get_absolute_personal_url() in message.body
    assert registration.check_in_code in message.body
    attachments = {
        a.get_content_type() if hasattr(a, "get_content_type") else a[2]: a
        for a in message.attachments
    }
    calendar = Calendar.from_ical(attachments["text/calendar"][1])
    titles = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert titles == sorted([gathering.title, f"Verkstad om næringsliv ({gathering.title})"])
    image = attachments["image/png"]
    assert image["Content-ID"] == "<check-in-code>"
    html = message.alternatives[0][0]
    assert 'src="cid:check-in-code"' in html


@pytest.mark.parametrize(
    ("language", "name_error", "email_error"),
    [
        ("nb", "Skriv navnet ditt.", "Skriv en gyldig e-postadresse, som navn@example.no."),
        ("nn", "Skriv namnet ditt.", "Skriv ei gyldig e-postadresse, som namn@example.no."),
        ("en", "Write your name.", "Write a valid e-mail address, like name@example.no."),
    ],
)
def test_bad_input_is_refused_in_the_users_language_keeping_the_input(
    client, gathering, form_data, language, name_error, email_error
):
    response = client.post(
        url(gathering, language), form_data(name="", email="ikkje-ei-adresse", position="Ordførar")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert name_error in html and email_error in html
    assert 'value="ikkje-ei-adresse"' in html and 'value="Ordførar"' in html
    name_input = re.search(r'<input[^>]*name="name"[^>]*>', html)[0]
    assert 'aria-describedby="id_name-error"' in name_input and 'aria-invalid="true"' in name_input
    assert 'id="id_name-error"' in html and 'href="#id_email"' in html  # summary links to field
    assert not Registration.objects.exists()


def test_organisation_must_be_picked_or_typed(client, gathering, form_data):
    response = client.post(url(gathering), form_data(organisation_name=""))
    assert "Velg organisasjonen din fra registeret eller skriv navnet." in response.content.decode()


def test_a_session_of_another_gathering_is_refused(client, gathering, form_data):
    foreign = make_session(make_gathering(), "Framand verkstad")
    response = client.post(url(gathering), form_data(sessions=[foreign.pk]))
    assert response.status_code == 400
    assert "hører ikke til denne samlingen" in response.content.decode()
    assert not Registration.objects.exists()


def test_closed_registration_shows_why_and_refuses_posts(client, form_data):
    gathering = make_gathering(registration_closes=timezone.now() - dt.timedelta(hours=1))
    page = client.get(url(gathering)).content.decode()
    assert "Påmeldingsfristen er ute." in page and 'name="idempotency_key"' not in page
    response = client.post(url(gathering), form_data())
    assert response.status_code == 400
    assert "Påmeldingsfristen er ute." in response.content.decode()
    assert not Registration.objects.exists()


def test_double_submitted_form_makes_one_registration(client, gathering, form_data):
    data = form_data()
    first = client.post(url(gathering), data)
    second = client.post(url(gathering), data)
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1


KEY_USED = {
    "nb": "Dette skjemaet er allerede sendt med andre opplysninger.",
    "nn": "Dette skjemaet er alt sendt med andre opplysningar.",
    "en": "This form was already sent with other details.",
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_someone_elses_form_key_does_not_return_their_personal_link(
    client, gathering, form_data, language
):
    """A replayed key returns the registration only to the same gathering and e-mail address
    (case and spaces aside); anyone else gets a translated error, a fresh key and nothing
    written."""
    from wagtail.models import PageLogEntry

    data = form_data()
    first = client.post(url(gathering), data)
    victim = Registration.objects.get()
    assert first["Location"].startswith(victim.get_personal_url())
    other = make_gathering(capacity=5)
    mails, entries = len(mail.outbox), PageLogEntry.objects.count()
    for target, fields in (
        (gathering, {"email": "angriper@example.invalid", "name": "Angriper"}),
        (other, {}),  # the same address, but another gathering
    ):
        response = client.post(url(target, language), {**data, **fields})
        html = response.content.decode()
        assert response.status_code == 400 and KEY_USED[language] in html
        assert victim.personal_token not in html and "Location" not in response
        assert data["idempotency_key"] not in html  # a fresh key, so sending again works
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == mails and PageLogEntry.objects.count() == entries

    # The person themselves, sending twice with the address typed differently, gets it back.
    again = client.post(url(gathering), {**data, "email": " TestDeltakar@Example.INVALID "})
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Registration.objects.count() == 1


def test_unknown_or_unpublished_gathering_is_404(client, gathering):
    assert client.get("/samlinger/finst-ikkje/pamelding/").status_code == 404
    gathering.unpublish()
    assert client.get(url(gathering)).status_code == 404


@pytest.fixture
def registered(gathering, applicant):
    workshop = make_session(gathering, "Verkstad", capacity=1, format="workshop")
    person = services.register(
        gathering, applicant(sessions=[workshop], dietary=["vegan"]), idempotency_key=key()
    )
    return person


def test_personal_page_needs_the_signed_link(client, registered):
    response = client.get(registered.get_personal_url())
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"] and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert registered.check_in_code in html and "<svg" in html and "Verkstad" in html
    tampered = registered.personal_token[:-2] + "xx"
    assert client.get(reverse("registrations:personal", args=[tampered])).status_code == 404
    unsigned = reverse("registrations:personal", args=[registered.token])
    assert client.get(unsigned).status_code == 404


def test_personal_page_changes_details_and_sessions(client, registered, form_data):
    data = form_data(name="Testdeltakar Endra", sessions=[])
    data.pop("idempotency_key")
    response = client.post(registered.get_personal_url(), data)
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.name == "Testdeltakar Endra"
    assert not SessionChoice.objects.filter(registration=registered).exists()


def test_personal_page_change_refuses_bad_input_keeping_it(client, registered, form_data):
    data = form_data(email="feil")
    response = client.post(registered.get_personal_url(), data)
    assert response.status_code == 400
    assert 'value="feil"' in response.content.decode()
    registered.refresh_from_db()
    assert registered.email != "feil"


def test_consent_is_withdrawn_as_easily_as_given(client, registered):
    consent = reverse("registrations:consent", args=[registered.personal_token])
    client.post(consent, {"consent": "1"})
    registered.refresh_from_db()
    assert registered.public_consent
    client.post(consent, {"consent": "0"})
    registered.refresh_from_db()
    assert not registered.public_consent


def test_cancelling_through_the_personal_link_promotes_the_next(
    client, gathering, registered, applicant
):
    others = [services.register(gathering, applicant(), idempotency_key=key()) for _ in range(5)]
    assert others[-1].status == Status.WAITLISTED
    response = client.post(reverse("registrations:cancel", args=[registered.personal_token]))
    assert response.status_code == 302
    assert Registration.objects.get(pk=others[-1].pk).status == Status.CONFIRMED
    assert "Påmeldingen din er avmeldt." in client.get(response["Location"]).content.decode()


def test_personal_export_json_and_csv(client, registered):
    token = registered.personal_token
    data = json.loads(client.get(reverse("registrations:export", args=[token, "json"])).content)
    assert data["name"] == registered.name and data["dietary"] == ["vegan"]
    csv_text = client.get(reverse("registrations:export", args=[token, "csv"])).content.decode()
    assert f"name,{registered.name}" in csv_text
    assert client.get(reverse("registrations:export", args=[token, "xml"])).status_code == 404


def test_personal_csv_export_neutralises_formulas(client, gathering, applicant):
    """The participant's own CSV gets the same treatment as the organisers' exports."""
    import csv
    import io

    person = services.register(
        gathering,
        applicant(name='=HYPERLINK("http://x","y")', position="@SUM(1)"),
        idempotency_key=key(),
    )
    response = client.get(reverse("registrations:export", args=[person.personal_token, "csv"]))
    rows = dict(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert rows["name"] == '\'=HYPERLINK("http://x","y")'
    assert rows["position"] == "'@SUM(1)"


def test_my_programme_page_and_calendar(client, registered):
    token = registered.personal_token
    assert (
        "Verkstad"
        in client.get(reverse("registrations:my_programme", args=[token])).content.decode()
    )
    response = client.get(reverse("registrations:my_programme_ics", args=[token]))
    assert response["Content-Type"] == "text/calendar"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    title = registered.gathering.title
    assert {str(e["summary"]) for e in events} == {title, f"Verkstad ({title})"}


def test_my_programme_calendar_leaves_out_sessions_still_waitlisted(gathering, applicant, client):
    workshop = make_session(gathering, "Full verkstad", capacity=0)
    person = services.register(gathering, applicant(sessions=[workshop]), idempotency_key=key())
    response = client.get(reverse("registrations:my_programme_ics", args=[person.personal_token]))
    assert {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")} == {
        gathering.title
    }


def test_public_participant_list_shows_only_consenting_confirmed_people(client, applicant):
    gathering = make_gathering(capacity=2)
    listed = services.register(
        gathering, applicant(public_consent=True, phone="99999999"), idempotency_key=key()
    )
    hidden = services.register(gathering, applicant(), idempotency_key=key())
    waiting = services.register(gathering, applicant(public_consent=True), idempotency_key=key())
    for person in (listed, hidden, waiting):  # each has confirmed their e-mail address
        services.confirm_email(person, person.email_confirmation_code)
    response = client.get(reverse("registrations:participants", args=[gathering.slug]))
    html = response.content.decode()
    assert listed.name in html and "Ålesundsregionen" in html
    assert hidden.name not in html and waiting.name not in html
    assert listed.email not in html and "99999999" not in html
    # The same bytes for every visitor: nothing per-visitor on a public page.
    assert "csrfmiddlewaretoken" not in html
    assert (
        client.get(reverse("registrations:participants", args=[gathering.slug])).content
        == response.content
    )


def test_status_include_tells_seats_full_and_closed(rf, applicant):
    from django.template import Context, Template

    template = Template(
        '{% include "registrations/includes/registration_status.html" with gathering=g %}'
    )
    request = rf.get("/")
    gathering = make_gathering(capacity=2)
    html = template.render(Context({"g": gathering, "request": request}))
    assert "2 ledige plasser av 2." in html and url(gathering) in html
    for _ in range(3):
        services.register(gathering, applicant(), idempotency_key=key())
    html = template.render(Context({"g": gathering, "request": request}))
    assert "Alle plassene er tatt" in html and "1 person står på venteliste." in html
    assert "Sett meg på venteliste" in html
    closed = make_gathering(status=GatheringStatus.HELD)
    html = template.render(Context({"g": closed, "request": request}))
    assert "Påmeldingen er stengt." in html and "pamelding" not in html


def test_personal_links_never_reach_the_logs(client, registered, caplog):
    tampered = registered.personal_token[:-3] + "abc"
    with caplog.at_level("WARNING", logger="django.request"):
        client.get(reverse("registrations:personal", args=[tampered]))
        client.get(reverse("registrations:export", args=[registered.personal_token, "xml"]))
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "/pamelding/…/" in logged
    assert registered.token not in logged and tampered not in logged


def test_a_form_without_its_key_is_refused_and_kept(client, gathering, form_data):
    data = form_data()
    data.pop("idempotency_key")
    response = client.post(url(gathering), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skjemaet var ufullstendig. Send det på nytt." in html
    assert 'value="Testdeltakar Én"' in html
    assert not Registration.objects.exists()


class RefusingBackend:
    """A mail server that refuses the recipient, naming them in its error as SMTP does."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"no such user") for m in messages})


def test_a_failing_mail_server_loses_no_registration_and_logs_no_address(
    client, gathering, form_data, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.registrations.test_views.RefusingBackend"
    with caplog.at_level("INFO"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(gathering), form_data())
    assert response.status_code == 302
    assert Registration.objects.get().status == Status.CONFIRMED
    logged = (
        "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
        + caplog.text
    )
    assert "SMTPRecipientsRefused" in logged  # the failure is logged ...
    assert "testdeltakar@example.invalid" not in logged  # ... without the address


def test_page_query_budgets(client, registered, applicant, django_assert_max_num_queries):
    """Each page's queries stay fixed as registrations, sessions and regions grow."""
    gathering = registered.gathering
    for n in range(10):
        services.register(gathering, applicant(public_consent=True), idempotency_key=key())
        make_session(gathering, f"Ekstra {n}", hour=12 + n % 5)
    # The form: 11, one of them the seats left in every limited session (one query for all).
    with django_assert_max_num_queries(11):
        client.get(url(gathering))
    with django_assert_max_num_queries(12):
        client.get(registered.get_personal_url())
    with django_assert_max_num_queries(6):
        client.get(reverse("registrations:participants", args=[gathering.slug]))
    with django_assert_max_num_queries(6):
        client.get(reverse("registrations:statistics", args=[gathering.slug]))


def test_access_log_lines_lose_the_token():
    import logging

    from gunicorn.glogging import SafeAtoms

    from byregion.registrations.log_redaction import redact

    atoms = SafeAtoms({"r": "GET /nn/pamelding/abc:def/program.ics HTTP/1.1", "s": "200"})
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, '"%(r)s" %(s)s', (), None)
    record.args = atoms
    assert logging.getLogger("gunicorn.access").filter(record)
    assert record.getMessage() == '"GET /nn/pamelding/…/program.ics HTTP/1.1" 200'
    form = "POST /samlinger/byregionsamling/pamelding/ HTTP/1.1"
    assert redact(form) == form  # the form's own address is not a personal link


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        (
            "GET /admin/registrations/registration/?q=Kari%20Nordmann&p=2 HTTP/1.1",
            "GET /admin/registrations/registration/?q=…&p=2 HTTP/1.1",
        ),
        (
            "GET /admin/registration-desk/gathering/4/check-in/?status=x&q=Ola+Nordmann HTTP/1.1",
            "GET /admin/registration-desk/gathering/4/check-in/?status=x&q=… HTTP/1.1",
        ),
        # The public search's words are not the admin's searches for people.
        ("GET /sok/?q=byregion HTTP/1.1", "GET /sok/?q=byregion HTTP/1.1"),
    ],
)
def test_admin_searches_for_people_do_not_reach_the_access_log(line, logged):
    """Issue 13, low finding: participant names reached the access log through ?q=."""
    import logging

    from gunicorn.glogging import SafeAtoms

    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, '"%(r)s" %(s)s', (), None)
    record.args = SafeAtoms({"r": line, "s": "200"})
    assert logging.getLogger("gunicorn.access").filter(record)
    assert record.getMessage() == f'"{logged}" 200'
