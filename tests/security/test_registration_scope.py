"""Finding 5: registration rights are scoped to the gatherings a user's organisation organises.

Django's model permissions on Registration say *what* a user may do (view, change, delete);
the gathering's organiser says *where*: members of the groups an organisation names as its
registration managers see and act on the registrations of the gatherings it organises, and
nothing else. The operator's staff (permission "manage every gathering's registrations")
and superusers see all. Every admin path is tried: list, search, filter choices, export,
add, edit, delete, the gathering overview, e-mail to participants, check-in, one person's
page, actions and personal-data export.
"""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from byregion.organisations.models import Organisation, OrganisationKind
from byregion.registrations import services
from byregion.registrations.models import Registration, Status
from byregion.registrations.permissions import manageable_gatherings
from tests.registrations.conftest import key, make_gathering, make_user

pytestmark = pytest.mark.django_db

ACTIONS = ("view_registration", "add_registration", "change_registration", "delete_registration")


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def gathering_choices(html: str) -> set[str]:
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "gathering"})
    return {option["value"] for option in select.find_all("option") if option["value"]}


@pytest.fixture
def world(django_user_model, applicant):
    """Two organisations, a gathering each with two people, and a registration manager of
    the first organisation's gatherings."""
    ours = Organisation.objects.create(
        name="Ålesund kommune", slug="alesund-kommune", kind=OrganisationKind.MUNICIPALITY
    )
    theirs = Organisation.objects.create(
        name="Molde kommune", slug="molde-kommune", kind=OrganisationKind.MUNICIPALITY
    )
    mine = make_gathering(capacity=1, title="Samling i Ålesund", organiser=ours)
    other = make_gathering(capacity=1, title="Samling i Molde", organiser=theirs)
    people = {
        g: [services.register(g, applicant(), idempotency_key=key()) for _ in range(2)]
        for g in (mine, other)
    }
    manager = make_user(django_user_model, "arrangor-alesund", *ACTIONS)
    ours.registration_groups.add(manager.groups.get())
    return {"mine": mine, "other": other, "people": people, "manager": manager, "ours": ours}


def test_the_list_search_filter_and_export_hold_only_the_own_gatherings(client, world):
    mine, other, people = world["mine"], world["other"], world["people"]
    client.force_login(world["manager"])
    index = reverse("registration_records:index")
    html = client.get(index).content.decode()
    assert all(p.name in html for p in people[mine])
    assert not any(p.name in html for p in people[other])
    # The gathering filter offers only the own gathering.
    assert "Samling i Ålesund" in html and "Samling i Molde" not in html
    # Searching for, or filtering on, the other gathering's people finds nothing.
    assert (
        people[other][0].name
        not in client.get(index, {"q": people[other][0].email}).content.decode()
    )
    filtered = client.get(index, {"gathering": other.pk}).content.decode()
    assert people[other][0].name not in filtered
    for export in ("csv", "xlsx"):
        data = body(client.get(index, {"export": export}))
        assert people[mine][0].email.encode() in data or export == "xlsx"
        assert people[other][0].email.encode() not in data
        assert people[other][1].name.encode() not in data
    text = body(client.get(index, {"export": "csv"})).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + len(people[mine])


def test_every_view_of_another_organisers_gathering_answers_404(client, world):
    other, outsider = world["other"], world["people"][world["other"]][1]
    client.force_login(world["manager"])
    for url in (
        reverse("registrations_admin:gathering", args=[other.pk]),
        reverse("registrations_admin:check_in", args=[other.pk]),
        reverse("registrations_admin:manage", args=[outsider.pk]),
        reverse("registrations_admin:export_person", args=[outsider.pk]),
        reverse("registration_records:edit", args=[outsider.pk]),
        reverse("registration_records:delete", args=[outsider.pk]),
        reverse("registration_records:history", args=[outsider.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert outsider.email.encode() not in body(response)
    html = client.get(reverse("registrations_admin:gatherings")).content.decode()
    assert "Samling i Ålesund" in html and "Samling i Molde" not in html


def test_no_action_reaches_another_organisers_gathering(client, world):
    other, people = world["other"], world["people"][world["other"]]
    waiting = people[1]
    assert waiting.status == Status.WAITLISTED
    client.force_login(world["manager"])
    mail.outbox.clear()
    for action in ("cancel", "promote", "check_in", "erase"):
        response = client.post(reverse("registrations_admin:act", args=[waiting.pk, action]))
        assert response.status_code == 404, action
    assert (
        client.post(
            reverse("registrations_admin:check_in", args=[other.pk]),
            {"q": people[0].check_in_code},
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("registrations_admin:message", args=[other.pk]), {"subject": "x", "body": "y"}
        ).status_code
        == 404
    )
    assert client.post(reverse("registration_records:delete", args=[waiting.pk])).status_code == 404
    assert client.post(
        reverse("registration_records:edit", args=[waiting.pk]),
        {"name": "Endra", "email": waiting.email, "organisation_name": "X",
         "role": waiting.role_id},
    ).status_code == 404  # fmt: skip
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED and waiting.name != "Endra" and waiting.name
    assert not Registration.objects.filter(gathering=other, checked_in_at__isnull=False).exists()
    assert not mail.outbox


def test_adding_offers_and_accepts_only_the_own_gatherings(client, world, roles):
    mine, other = world["mine"], world["other"]
    client.force_login(world["manager"])
    add = reverse("registration_records:add")
    html = client.get(add).content.decode()
    assert gathering_choices(html) == {str(mine.pk)}
    response = client.post(
        add,
        {"gathering": other.pk, "name": "Smuglar", "email": "smuglar@example.invalid",
         "organisation_name": "X", "role": roles["other"].pk},
    )  # fmt: skip
    assert response.status_code == 200  # the form again, with an error on the gathering
    assert not Registration.objects.filter(name="Smuglar").exists()
    response = client.post(
        add,
        {"gathering": mine.pk, "name": "Lagt til", "email": "lagt.til@example.invalid",
         "organisation_name": "X", "role": roles["other"].pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert Registration.objects.get(name="Lagt til").gathering_id == mine.pk


def test_own_gathering_still_works_in_full(client, world):
    mine, people = world["mine"], world["people"][world["mine"]]
    client.force_login(world["manager"])
    assert client.get(reverse("registrations_admin:gathering", args=[mine.pk])).status_code == 200
    client.post(reverse("registrations_admin:act", args=[people[1].pk, "promote"]))
    people[1].refresh_from_db()
    assert people[1].status == Status.CONFIRMED
    page = reverse("registrations_admin:check_in", args=[mine.pk])
    client.post(page, {"q": people[0].check_in_code})
    people[0].refresh_from_db()
    assert people[0].checked_in_at is not None


def test_rights_without_an_organisation_reach_nothing(client, django_user_model, world):
    """The model permissions alone, with no organisation naming the user's group, reach no
    gathering: a forgotten link is a closed door, not an open one."""
    loner = make_user(django_user_model, "uten-organisasjon", *ACTIONS)
    client.force_login(loner)
    html = client.get(reverse("registration_records:index")).content.decode()
    everyone = [p for group in world["people"].values() for p in group]
    assert not any(p.name in html for p in everyone)
    assert b"@example.invalid" not in body(
        client.get(reverse("registration_records:index"), {"export": "csv"})
    )
    assert (
        client.get(reverse("registrations_admin:gathering", args=[world["mine"].pk])).status_code
        == 404
    )
    assert not manageable_gatherings(loner).exists()


def test_a_gathering_without_an_organiser_is_the_operators(django_user_model, world):
    orphan = make_gathering(capacity=1, title="Samling utan arrangør")
    assert orphan not in manageable_gatherings(world["manager"])
    staff = make_user(django_user_model, "operator", *ACTIONS)
    staff.groups.get().permissions.add(
        Permission.objects.get(
            content_type__app_label="registrations", codename="manage_every_gathering"
        )
    )
    assert set(manageable_gatherings(staff)) >= {orphan, world["mine"], world["other"]}


def test_the_operators_staff_and_superusers_see_every_gathering(
    client, django_user_model, admin_user, world
):
    staff = make_user(django_user_model, "operator", *ACTIONS)
    staff.groups.get().permissions.add(
        Permission.objects.get(
            content_type__app_label="registrations", codename="manage_every_gathering"
        )
    )
    everyone = [p for group in world["people"].values() for p in group]
    for user in (staff, admin_user):
        client.force_login(user)
        data = body(client.get(reverse("registration_records:index"), {"export": "csv"}))
        assert all(p.email.encode() in data for p in everyone)


def test_scope_follows_group_membership_at_once(client, world, django_user_model):
    """Taking the user out of the group (or the group off the organisation) closes the
    gathering on the next request."""
    client.force_login(world["manager"])
    url = reverse("registrations_admin:gathering", args=[world["mine"].pk])
    assert client.get(url).status_code == 200
    world["ours"].registration_groups.remove(world["manager"].groups.get())
    assert client.get(url).status_code == 404
    world["ours"].registration_groups.add(Group.objects.get(name="group-arrangor-alesund"))
    assert client.get(url).status_code == 200


def test_only_who_may_change_groups_names_an_organisations_registration_managers(
    client, django_user_model, world
):
    """Naming the groups that manage an organisation's registrations grants rights over
    people's data: an organisation editor without the right to change groups cannot add
    their own group, though the rest of the form saves."""
    from wagtail.test.utils.form_data import inline_formset

    from tests.organisations.test_admin import EDIT, form

    editor = make_user(
        django_user_model, "organisasjonsredaktor", "change_organisation", "view_organisation"
    )
    theirs = Organisation.objects.get(slug="molde-kommune")
    mine = editor.groups.get()
    client.force_login(editor)
    data = form(
        name="Molde kommune",
        slug="molde-kommune",
        org_number="",
        switchboard_hours=inline_formset([]),
        hours_exceptions=inline_formset([]),
    )
    data["registration_groups"] = [str(mine.pk)]
    response = client.post(reverse(EDIT, args=[theirs.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    theirs.refresh_from_db()
    assert theirs.postal_street == "Postboks 1521"  # the rest saved
    assert not theirs.registration_groups.exists()
    mine.permissions.add(Permission.objects.get(codename="change_group"))
    editor = type(editor).objects.get(pk=editor.pk)  # no cached permissions
    client.force_login(editor)
    client.post(reverse(EDIT, args=[theirs.pk]), data)
    assert list(theirs.registration_groups.all()) == [mine]


def test_a_registration_desk_group_manages_its_organisations_gatherings(
    client, django_user_model, world
):
    """grant_registration_desk: admin access, view, add and change within the organisation's
    gatherings; erasing a person's data stays with the operator."""
    from byregion.registrations.permissions import grant_registration_desk

    desk = grant_registration_desk(Organisation.objects.get(slug="molde-kommune"))
    assert grant_registration_desk(Organisation.objects.get(slug="molde-kommune")) == desk
    clerk = django_user_model.objects.create_user("skranke")
    clerk.groups.add(desk)
    assert list(manageable_gatherings(clerk)) == [world["other"]]
    client.force_login(clerk)
    waiting = world["people"][world["other"]][1]
    assert client.get(reverse("registrations_admin:manage", args=[waiting.pk])).status_code == 200
    client.post(reverse("registrations_admin:act", args=[waiting.pk, "erase"]))
    waiting.refresh_from_db()
    assert waiting.name  # not erased: no delete right
