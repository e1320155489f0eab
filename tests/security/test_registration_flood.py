"""Issue 13, finding 1: the registration form could be flooded. One client posted 20
registrations in a row for 20 made-up people, all accepted, and 21 mails went out with the
attacker's text to any address.

Now: attempts are limited per client address and per e-mail address (counted in the shared
cache, only for forms that would register), an address has at most one active registration
per gathering (a second attempt re-sends the link to that address and says nothing), and a
field that people never see catches robots that fill in every field.
"""

import itertools
import time
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

import byregion
from byregion.core import limits as core_limits
from byregion.registrations import limits, services
from byregion.registrations.forms import HONEYPOT
from byregion.registrations.models import Registration, Status
from tests.pages import role_categories
from tests.registrations.conftest import make_gathering

pytestmark = pytest.mark.django_db

LIMITED = {
    "nb": "Det er sendt for mange påmeldinger",
    "nn": "Det er sendt for mange påmeldingar",
    "en": "Too many registrations have been sent",
}
TRAPPED = {
    "nb": "Skjemaet ble ikke sendt fordi feltet for spamroboter var fylt ut.",
    "nn": "Skjemaet vart ikkje sendt fordi feltet for spamrobotar var fylt ut.",
    "en": "The form was not sent because the field for spam robots was filled in.",
}
LINK_SENT = {
    "nb": "Hvis det finnes en påmelding med denne adressen, har vi sendt lenken dit på nytt.",
    "nn": "Dersom det finst ei påmelding med denne adressa, har vi sendt lenkja dit på nytt.",
    "en": "If this address is registered, we have sent the link to it again.",
}


@pytest.fixture
def gathering(db):
    return make_gathering(capacity=50)


@pytest.fixture
def person(db):
    """The form's data for a made-up person; each call another one unless told otherwise."""
    role = role_categories()["mayor"]
    numbers = itertools.count(1)

    def build(**fields):
        n = next(numbers)
        return {
            "name": f"Testdeltakar {n:03d}",
            "email": f"deltakar{n:03d}@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "role": role.pk,
            "idempotency_key": str(uuid.uuid4()),
            **fields,
        }

    return build


@pytest.fixture
def organiser_user(django_user_model):
    return django_user_model.objects.create_user(username="arrangor", password="pw")


def form_url(gathering, language="nb") -> str:
    with translation.override(language):
        return reverse("registrations:register", args=[gathering.slug])


def post(client, gathering, data, *, language="nb", address="203.0.113.7", **headers):
    return client.post(form_url(gathering, language), data, REMOTE_ADDR=address, **headers)


# -- the limits ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_one_client_registers_at_most_its_limit_then_gets_429(
    client, gathering, person, settings, language, django_capture_on_commit_callbacks
):
    settings.BYREGION_REGISTRATION_RATE_PER_CLIENT = "3/h"
    with django_capture_on_commit_callbacks(execute=True):
        answers = [post(client, gathering, person(), language=language) for _ in range(5)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429, 429]
    refused = answers[3]
    assert 1 <= int(refused["Retry-After"]) <= 3600
    html = refused.content.decode()
    assert LIMITED[language] in html
    assert 'value="Testdeltakar 004"' in html  # the form again, with the input kept
    assert "no-store" in refused["Cache-Control"]
    assert Registration.objects.count() == 3
    assert len(mail.outbox) == 3


def test_one_address_gets_at_most_its_limit_of_mails_whatever_the_client(
    client, gathering, person, settings, django_capture_on_commit_callbacks
):
    settings.BYREGION_REGISTRATION_RATE_PER_EMAIL = "2/h"
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            post(
                client,
                gathering,
                person(email="offer@example.invalid", name=f"Hei frå angriparen {n}"),
                address=f"198.51.100.{n}",
            ).status_code
            for n in range(4)
        ]
    assert statuses == [302, 302, 429, 429]
    assert Registration.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["offer@example.invalid"]] * 2
    # The second mail is the registration's own link again, not the attacker's words.
    assert "angriparen 1" not in mail.outbox[1].body


def test_forms_with_errors_are_not_counted(client, gathering, person, settings):
    settings.BYREGION_REGISTRATION_RATE_PER_CLIENT = "1/h"
    settings.BYREGION_REGISTRATION_RATE_PER_EMAIL = "1/h"
    for _ in range(3):
        assert (
            post(client, gathering, person(name="", email="same@example.invalid")).status_code
            == 400
        )
    assert post(client, gathering, person(email="same@example.invalid")).status_code == 302


def test_the_client_counted_is_the_one_our_proxy_saw(client, gathering, person, settings):
    settings.BYREGION_REGISTRATION_RATE_PER_CLIENT = "1/h"
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.2"]
    # A client that is not our proxy cannot choose its count with X-Forwarded-For.
    direct = [
        post(
            client, gathering, person(), address="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(2)
    ]
    assert direct == [302, 429]
    # Behind the proxy: what the client wrote itself stands to the left and is not read.
    behind = [
        post(
            client,
            gathering,
            person(),
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7",
        ).status_code
        for n in range(2)
    ]
    assert behind == [302, 429]
    # Another client behind the same proxy has a count of its own.
    other = post(
        client, gathering, person(), address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other.status_code == 302


def test_an_ipv6_client_is_counted_by_its_64_network(client, gathering, person, settings):
    """A home or office on IPv6 gets a whole /64 and can pick a new address for every post."""
    settings.BYREGION_REGISTRATION_RATE_PER_CLIENT = "1/h"
    statuses = [
        post(client, gathering, person(), address=address).status_code
        for address in ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:3::1")
    ]
    assert statuses == [302, 429, 302]


def test_the_count_starts_again_when_its_window_ends(
    client, gathering, person, settings, monkeypatch
):
    settings.BYREGION_REGISTRATION_RATE_PER_CLIENT = "1/m"
    now = [1_900_000_030.0]
    monkeypatch.setattr(time, "time", lambda: now[0])  # the counter's and the cache's clock
    assert post(client, gathering, person()).status_code == 302
    refused = post(client, gathering, person())
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 60
    now[0] += wait
    assert post(client, gathering, person()).status_code == 302


def test_a_count_lost_from_the_cache_starts_again_instead_of_failing(monkeypatch):
    """The count is cache.add then cache.incr; a key evicted (or expired) in between must not
    turn into a server error."""
    cache = caches["default"]
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    assert core_limits.attempt("test", "203.0.113.9", "2/h") == 0
    monkeypatch.undo()
    assert [core_limits.attempt("test", "203.0.113.9", "2/h") > 0 for _ in range(3)] == [
        False,
        False,
        True,
    ]


def test_the_counts_keep_no_address_in_the_cache(client, gathering, person):
    """The shared cache (Redis, a file folder) holds counts under digests, never an e-mail
    or client address in the clear."""
    post(client, gathering, person(email="hemmeleg@example.invalid"), address="203.0.113.77")
    keys = " ".join(str(key) for key in caches["default"]._cache)  # locmem's own store
    assert "hemmeleg" not in keys and "203.0.113.77" not in keys


@pytest.mark.parametrize("rate", ["30 per hour", "30/fortnight", "/h", "many/h"])
def test_a_rate_that_cannot_be_read_fails_the_system_check(settings, rate):
    settings.BYREGION_REGISTRATION_RATE_PER_EMAIL = rate
    errors = limits.check_rates(None)
    assert [e.id for e in errors] == ["byregion.registrations.E001"]
    assert "BYREGION_REGISTRATION_RATE_PER_EMAIL" in errors[0].msg


def test_the_default_rates_pass_the_system_check():
    assert limits.check_rates(None) == []


# -- one active registration per address -----------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_second_registration_for_a_registered_address_writes_nothing_and_resends_the_link(
    client, gathering, person, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, gathering, person(email="kari@example.invalid"), language="nn")
    registration = Registration.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = post(
            client,
            gathering,
            person(email="  KARI@Example.invalid ", name="Hei frå angriparen"),
            language=language,
        )
    assert Registration.objects.count() == 1
    assert again.status_code == 302
    neutral = client.get(again["Location"])
    assert neutral.status_code == 200
    page = neutral.content.decode()
    assert LINK_SENT[language] in page
    assert registration.personal_token not in page and registration.name not in page
    # The link goes to the address registered, in the registration's language (Nynorsk).
    [message] = mail.outbox
    assert message.to == ["kari@example.invalid"]
    with translation.override("nn"):  # the links in that language too (/nn/pamelding/...)
        assert registration.get_absolute_personal_url() in message.body
    assert "angriparen" not in message.body and "angriparen" not in message.subject
    assert message.subject == f"Lenkja til påmeldinga di: {gathering.title}"


def test_the_neutral_page_is_the_gatherings_and_names_no_one(client, gathering, person):
    """The page after a second attempt is the same for every address: nothing in it comes
    from the registration or the attempt."""
    registered = post(client, gathering, person(email="ola@example.invalid"))
    assert registered["Location"].endswith("?new=1")
    first = post(client, gathering, person(email="ola@example.invalid", name="Ola Test"))
    post(client, gathering, person(email="siri@example.invalid"))
    second = post(client, gathering, person(email="siri@example.invalid", name="Siri Test"))
    assert first["Location"] == second["Location"]
    page = client.get(first["Location"]).content.decode()
    assert gathering.title in page
    assert "ola@" not in page and "Ola Test" not in page and "Testdeltakar" not in page


def test_after_cancelling_the_same_address_may_register_again(client, gathering, person):
    post(client, gathering, person(email="per@example.invalid"))
    services.cancel(Registration.objects.get())
    again = post(client, gathering, person(email="per@example.invalid"))
    assert again["Location"].endswith("?new=1")
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1
    assert Registration.objects.count() == 2


def test_the_same_address_may_register_for_another_gathering(client, gathering, person):
    post(client, gathering, person(email="liv@example.invalid"))
    other = post(client, make_gathering(), person(email="liv@example.invalid"))
    assert other["Location"].endswith("?new=1")
    assert Registration.objects.count() == 2


def test_a_double_submitted_form_still_returns_its_registration(client, gathering, person):
    data = person(email="dobbel@example.invalid")
    first, second = post(client, gathering, data), post(client, gathering, data)
    assert first["Location"] == second["Location"] and first["Location"].endswith("?new=1")
    assert Registration.objects.count() == 1


def test_a_twin_with_the_same_key_that_won_the_race_is_returned_not_refused(
    gathering, monkeypatch, django_capture_on_commit_callbacks
):
    """Two posts of one form at the same moment: both miss the key before the lock; the one
    that waited finds the other's registration under the lock and returns it (the twin),
    with no mail as if it were a second attempt."""
    role = role_categories()["mayor"]
    data = {"name": "Tvilling", "email": "tvilling@example.invalid", "role": role}
    key = uuid.uuid4()
    first = services.register(gathering, data, idempotency_key=key)
    real, calls = services._by_key, []

    def missed_before_the_lock(k):
        calls.append(k)
        return None if len(calls) == 1 else real(k)

    monkeypatch.setattr(services, "_by_key", missed_before_the_lock)
    with django_capture_on_commit_callbacks(execute=True):
        twin = services.register(
            gathering, {**data, "email": "TVILLING@example.invalid"}, idempotency_key=key
        )
    assert twin.pk == first.pk
    assert not mail.outbox


def test_the_database_refuses_a_second_active_registration_for_an_address(gathering):
    def add(email, status):
        return Registration.objects.create(
            gathering=gathering,
            status=status,
            name="Testdeltakar",
            email=email,
            idempotency_key=uuid.uuid4(),
        )

    add("ola@example.invalid", Status.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        add("OLA@example.invalid", Status.WAITLISTED)
    add("Ola@example.invalid", Status.CANCELLED)  # a cancelled one is not active
    Registration.objects.create(
        gathering=make_gathering(),
        status=Status.CONFIRMED,
        name="Testdeltakar",
        email="ola@example.invalid",
        idempotency_key=uuid.uuid4(),
    )


def test_an_organiser_adding_a_registered_address_is_told_so(gathering, organiser_user):
    role = role_categories()["mayor"]
    data = {"name": "Testdeltakar", "email": "eva@example.invalid", "role": role}
    services.register(gathering, data, idempotency_key=uuid.uuid4())
    with pytest.raises(ValidationError) as refused:
        services.register(
            gathering,
            {**data, "email": "Eva@Example.invalid"},
            idempotency_key=uuid.uuid4(),
            actor=organiser_user,
            by_organiser=True,
        )
    assert [error.code for error in refused.value.error_dict["email"]] == ["already_registered"]
    assert Registration.objects.count() == 1


def test_changing_to_an_address_already_registered_is_refused(gathering):
    role = role_categories()["mayor"]
    services.register(
        gathering,
        {"name": "A", "email": "a@example.invalid", "role": role},
        idempotency_key=uuid.uuid4(),
    )
    other = services.register(
        gathering,
        {"name": "B", "email": "b@example.invalid", "role": role},
        idempotency_key=uuid.uuid4(),
    )
    with pytest.raises(ValidationError) as refused:
        services.update(other, {"email": "A@example.invalid"})
    assert "email" in refused.value.error_dict
    other.refresh_from_db()
    assert other.email == "b@example.invalid"


@pytest.fixture
def holder(gathering):
    """A registration, and the fields its personal page's change form posts."""
    role = role_categories()["mayor"]
    registration = services.register(
        gathering,
        {"name": "Flyttar", "email": "flyttar@example.invalid", "role": role,
         "organisation_name": "Testorganisasjonen"},
        idempotency_key=uuid.uuid4(),
        notify=False,
    )  # fmt: skip
    fields = {"name": "Flyttar", "organisation_name": "Testorganisasjonen", "role": role.pk}
    return registration, fields


CHANGES_LIMITED = "Det er sendt for mange endringer"


def test_new_addresses_through_the_personal_link_are_limited_per_client(
    client, holder, settings, django_capture_on_commit_callbacks
):
    """Whoever registered someone else's address holds its personal link; each change to a
    new address mails that address."""
    settings.BYREGION_REGISTRATION_RATE_PER_CLIENT = "2/h"
    registration, fields = holder
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(
                registration.get_personal_url(),
                {**fields, "email": f"offer{n}@example.invalid"},
                REMOTE_ADDR="203.0.113.8",
            )
            for n in range(3)
        ]
    assert [a.status_code for a in answers] == [302, 302, 429]
    assert CHANGES_LIMITED in answers[2].content.decode()
    assert 1 <= int(answers[2]["Retry-After"]) <= 3600
    registration.refresh_from_db()
    assert registration.email == "offer1@example.invalid"
    assert not any(m.to == ["offer2@example.invalid"] for m in mail.outbox)


def test_changes_through_the_personal_link_are_limited_per_address(
    client, holder, settings, django_capture_on_commit_callbacks
):
    """Every saved change mails the address ("Your changes are saved"), with the name typed
    in: pressing the button again and again must not flood it."""
    settings.BYREGION_REGISTRATION_RATE_PER_EMAIL = "2/h"
    registration, fields = holder
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(
                registration.get_personal_url(),
                {**fields, "email": "flyttar@example.invalid", "name": f"Hei {n}"},
                REMOTE_ADDR=f"198.51.100.{n}",
            ).status_code
            for n in range(3)
        ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    registration.refresh_from_db()
    assert registration.name == "Hei 1"


# -- the field people never see ---------------------------------------------------------------


def test_the_form_has_a_field_people_never_see(client, gathering):
    soup = BeautifulSoup(client.get(form_url(gathering)).content.decode(), "html.parser")
    trap = soup.select_one(f"form.byr-registration-form input[name={HONEYPOT}]")
    assert trap["type"] == "text" and trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert not trap.get("value")
    wrapper = trap.find_parent(attrs={"aria-hidden": "true"})
    assert "byr-honeypot" in wrapper["class"]
    label = soup.select_one(f"label[for={trap['id']}]")
    assert "La dette feltet stå tomt." in label.get_text()
    # Browsers' and password managers' autofill look for words like these in a field's name.
    assert not any(
        word in HONEYPOT for word in ("name", "mail", "phone", "tel", "address", "url", "web",
                                      "company", "org", "user", "fax", "zip", "city")
    )  # fmt: skip
    css = Path(byregion.__file__).parent / "registrations/static/registrations/registrations.css"
    assert ".byr-honeypot" in css.read_text()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_filled_in_trap_is_refused_and_nothing_written(
    client, gathering, person, language, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(
            client, gathering, person(**{HONEYPOT: "https://spam.example"}), language=language
        )
    assert answer.status_code == 400
    assert TRAPPED[language] in answer.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox
    assert "the field for robots was filled in" in caplog.text  # for the operator; no one named
    assert "spam.example" not in caplog.text
