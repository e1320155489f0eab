"""The check-in desk (issue 16, item 5): one field takes a scanned code or a name, and a
mistaken check-in can be undone, visibly and logged."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from byregion.registrations import services
from byregion.registrations.models import Registration

from .conftest import key, make_gathering, make_user


@pytest.fixture
def desk(client, organiser, applicant):
    gathering = make_gathering(capacity=5)
    people = [
        services.register(gathering, applicant(name=name), idempotency_key=key())
        for name in ("Kari Nordmann-Testesen", "Ola Testesen", "Per Testesen")
    ]
    client.force_login(organiser)
    return gathering, people, reverse("registrations_admin:check_in", args=[gathering.pk])


def text(response) -> str:
    return response.content.decode()


def test_a_name_in_the_one_field_lists_the_people_to_check_in(client, desk):
    """Before: the code field, given a name, said no registration has that code."""
    _, people, page = desk
    response = client.post(page, {"q": "Ola Test"}, follow=True)
    html = text(response)
    assert "Ola Testesen" in html and "Kari Nordmann-Testesen" not in html
    assert "har den koden" not in html  # not "no registration for this gathering has that code"
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()  # only listed
    # The one found is offered with its own button.
    assert f'name="registration" value="{people[1].pk}"' in html


def test_a_scanned_code_in_the_same_field_checks_in_at_once(client, desk):
    _, people, page = desk
    response = client.post(page, {"q": people[0].check_in_code.lower()}, follow=True)
    people[0].refresh_from_db()
    assert people[0].checked_in_at is not None
    assert "Kari Nordmann-Testesen er sjekket inn." in text(response)


def test_nothing_found_says_so_for_a_code_or_a_name(client, desk):
    _, _, page = desk
    html = text(client.post(page, {"q": "Ingen Slik"}, follow=True))
    assert "Fant ingen påmelding med den koden eller det navnet." in html


def test_a_mistaken_check_in_is_undone_visibly_and_logged(client, desk, organiser):
    _, people, page = desk
    response = client.post(page, {"q": people[1].check_in_code}, follow=True)
    html = text(response)
    # The page right after offers the undo, for that person.
    assert 'name="undo"' in html and f'value="{people[1].pk}"' in html
    response = client.post(page, {"undo": people[1].pk}, follow=True)
    people[1].refresh_from_db()
    assert people[1].checked_in_at is None
    assert "Innsjekkingen av Ola Testesen er angret." in text(response)
    entry = ModelLogEntry.objects.get(action="registrations.check_in_undone")
    assert entry.user == organiser and entry.object_id == str(people[1].pk)
    # The person's own page offers the undo as well, once checked in again.
    client.post(page, {"registration": people[1].pk})
    manage = text(client.get(reverse("registrations_admin:manage", args=[people[1].pk])))
    assert reverse("registrations_admin:act", args=[people[1].pk, "undo_check_in"]) in manage
    client.post(reverse("registrations_admin:act", args=[people[1].pk, "undo_check_in"]))
    people[1].refresh_from_db()
    assert people[1].checked_in_at is None


def test_undo_needs_the_change_right_and_the_gathering(client, desk, django_user_model):

    _, people, page = desk
    client.post(page, {"q": people[0].check_in_code})
    other = make_gathering(capacity=5)
    response = client.post(
        reverse("registrations_admin:check_in", args=[other.pk]), {"undo": people[0].pk}
    )
    assert response.status_code == 404  # not this gathering's registration
    reader = make_user(django_user_model, "lesar", "view_registration", "manage_every_gathering")
    client.force_login(reader)
    client.post(page, {"undo": people[0].pk})
    people[0].refresh_from_db()
    assert people[0].checked_in_at is not None
