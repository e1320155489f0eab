"""The admin's account page (issue 16, item 9): an account without a name (the demo's role
accounts, `createsuperuser`, a single sign-on provider without a name claim) can still
change its admin language; a name or e-mail address it has cannot be blanked out."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def account_form(**fields):
    """What the account page posts when its person changes only what is given."""
    data = {
        "name_email-first_name": "",
        "name_email-last_name": "",
        "name_email-email": "",
        "locale-preferred_language": "",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        "theme-keyboard_shortcuts": "on",
    }
    data.update(fields)
    return data


def panel_errors(answer) -> dict:
    panels = [panel for tab in answer.context["panels_by_tab"].values() for panel in tab]
    return {panel.name: panel.get_form().errors for panel in panels}


@pytest.fixture
def nameless(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("skribent-utan-namn")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_an_account_without_a_name_changes_its_language(client, nameless):
    client.force_login(nameless)
    answer = client.post(
        reverse("wagtailadmin_account"), account_form(**{"locale-preferred_language": "nn"})
    )
    assert answer.status_code == 302, panel_errors(answer)
    assert UserProfile.get_for_user(nameless).preferred_language == "nn"


def test_a_name_or_address_the_account_has_cannot_be_blanked_out(client, nameless):
    nameless.first_name, nameless.email = "Kari", "kari@example.invalid"
    nameless.save()
    client.force_login(nameless)
    answer = client.post(
        reverse("wagtailadmin_account"),
        account_form(**{"name_email-last_name": "Nordmann", "locale-preferred_language": "nn"}),
    )
    assert answer.status_code == 200
    assert set(panel_errors(answer)["name_email"]) == {"first_name", "email"}
    nameless.refresh_from_db()
    assert (nameless.first_name, nameless.last_name) == ("Kari", "")
    assert UserProfile.get_for_user(nameless).preferred_language == ""
