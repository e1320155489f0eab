"""What an experience refuses: a name without consent, an attachment without a target, a
period that ends before it starts; in the model and in Wagtail's editor alike."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from byregion.knowledge.models import ExperienceAttachment, ExperienceContact, ExperiencePage
from byregion.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_contact_is_named_only_with_consent(experience_index):
    page = ExperiencePage.objects.get(slug="the-north-west")
    contact = ExperienceContact(
        page=page, organisation=Organisation.objects.get(slug="alesund-kommune"),
        position="Rådgjevar", person_name="Kari Nordmann",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="samtykke"):
        contact.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        contact.save()
    contact.name_consent = True
    contact.full_clean()


def test_an_attachment_is_a_document_or_a_link(experience_index):
    page = ExperiencePage.objects.get(slug="the-north-west")
    with pytest.raises(ValidationError):
        ExperienceAttachment(page=page, title="Rapport").full_clean()
    ExperienceAttachment(page=page, title="Rapport", url="https://example.org/r.pdf").full_clean()


def test_a_period_cannot_end_before_it_starts(experience_index):
    page = ExperiencePage.objects.get(slug="the-north-west")
    page.period_end = dt.date(2017, 1, 1)
    with pytest.raises(ValidationError, match="før den begynner"):
        page.full_clean()


@pytest.fixture
def editor_client(client, django_user_model, experience_index):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", "pw")
    client.force_login(user)
    return client


def form_data(experience_index, **overrides):
    from byregion.organisations.models import Organisation

    data = {
        "title": "Felles næringsplan",
        "slug": "felles-naeringsplan",
        "language": "nn",
        "summary": "Kommunane laga ein felles næringsplan.",
        "what_was_done": '{"blocks": [], "entityMap": {}}',
        "results": '{"blocks": [], "entityMap": {}}',
        "lessons": '{"blocks": [], "entityMap": {}}',
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-organisation": str(Organisation.objects.get(slug="alesund-kommune").pk),
        "contacts-0-position": "Prosjektleiar",
        "contacts-0-person_name": "",
        "contacts-0-ORDER": "1",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_the_editor_refuses_a_name_without_consent_and_saves_nothing(
    editor_client, experience_index
):
    url = f"/admin/pages/add/knowledge/experiencepage/{experience_index.pk}/"
    response = editor_client.post(
        url, form_data(experience_index, **{"contacts-0-person_name": "Kari Nordmann"})
    )
    assert response.status_code == 200
    assert "publiseres bare med personens samtykke" in response.content.decode()
    assert not ExperiencePage.objects.filter(slug="felles-naeringsplan").exists()
    assert "Kari Nordmann" in response.content.decode()  # the form keeps what was typed

    response = editor_client.post(url, form_data(experience_index))
    assert response.status_code == 302
    page = ExperiencePage.objects.get(slug="felles-naeringsplan")
    assert page.contacts.get().position == "Prosjektleiar"
