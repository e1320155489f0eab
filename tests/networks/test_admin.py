"""The networks admin as editors use it: who may edit what, and the refusals, through the
real Wagtail views; and the membership rules in the region form."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from byregion.networks.models import Council, Meeting, Membership, Programme, Region


def url(model, action, *args):
    return reverse(f"wagtailsnippets_networks_{model}:{action}", args=args)


def denied(response) -> bool:
    """Wagtail answers a refused action by sending the user to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def molde_council(regions):
    return Council.objects.create(region=regions["molderegionen"], name="Molderådet", slug="rad")


@pytest.fixture
def molde_meeting(molde_council):
    start = dt.datetime(2017, 5, 1, 8, tzinfo=dt.UTC)
    return Meeting.objects.create(council=molde_council, start=start)


# Listings -------------------------------------------------------------------------------


def test_region_editor_sees_only_their_region(client, alesund_editor):
    response = login(client, alesund_editor).get(url("region", "list"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [Region.objects.get(slug="alesundregionen")]


def test_operator_sees_every_region(client, operator_editor):
    response = login(client, operator_editor).get(url("region", "list"))
    assert len(response.context["object_list"]) == 3


def test_listings_search_and_filter(client, operator_editor):
    client = login(client, operator_editor)
    found = client.get(url("region", "list"), {"q": "molde"}).context["object_list"]
    assert [r.slug for r in found] == ["molderegionen"]
    held = client.get(url("meeting", "list"), {"status": "held"}).context["object_list"]
    assert len(held) == 1
    planned = client.get(url("meeting", "list"), {"status": "planned"}).context["object_list"]
    assert len(planned) == 0


def test_meeting_and_council_lists_are_filtered(client, alesund_editor, molde_meeting):
    client = login(client, alesund_editor)
    councils = client.get(url("council", "list")).context["object_list"]
    assert [c.slug for c in councils] == ["radet-for-region-alesund"]
    meetings = client.get(url("meeting", "list")).context["object_list"]
    assert molde_meeting not in list(meetings) and len(meetings) == 1


# Refusals ------------------------------------------------------------------------------


def test_region_editor_cannot_open_or_post_to_another_region(client, alesund_editor, regions):
    client = login(client, alesund_editor)
    molde = regions["molderegionen"]
    assert client.get(url("region", "edit", molde.pk)).status_code == 404
    assert client.post(url("region", "edit", molde.pk), {"name": "Kapret"}).status_code == 404
    assert client.get(url("region", "delete", molde.pk)).status_code == 404
    assert client.get(url("region", "history", molde.pk)).status_code == 404
    molde.refresh_from_db()
    assert molde.name == "Molderegionen"


def test_region_editor_cannot_add_or_delete_regions_nor_touch_programmes(
    client, alesund_editor, regions
):
    client = login(client, alesund_editor)
    assert denied(client.get(url("region", "add")))
    assert denied(client.get(url("region", "delete", regions["alesundregionen"].pk)))
    assert denied(client.post(url("region", "delete", regions["alesundregionen"].pk)))
    programme = Programme.objects.get()
    assert denied(client.get(url("programme", "list")))
    assert client.get(url("programme", "edit", programme.pk)).status_code == 404
    assert denied(client.get(url("sector", "list")))
    assert Region.objects.filter(pk=regions["alesundregionen"].pk).exists()


def test_region_editor_cannot_edit_another_regions_council_or_meeting(
    client, alesund_editor, molde_council, molde_meeting
):
    client = login(client, alesund_editor)
    assert client.get(url("council", "edit", molde_council.pk)).status_code == 404
    assert client.get(url("council", "delete", molde_council.pk)).status_code == 404
    assert client.post(url("council", "delete", molde_council.pk)).status_code == 404
    assert client.get(url("meeting", "edit", molde_meeting.pk)).status_code == 404
    assert client.post(url("meeting", "delete", molde_meeting.pk)).status_code == 404
    assert Meeting.objects.filter(pk=molde_meeting.pk).exists()
    assert Council.objects.filter(pk=molde_council.pk).exists()


def test_someone_without_a_region_edits_nothing(client, outsider, regions):
    client = login(client, outsider)
    assert denied(client.get(url("region", "list")))
    assert client.get(url("region", "edit", regions["alesundregionen"].pk)).status_code == 404
    assert denied(client.get(url("meeting", "add")))


def test_anonymous_visitors_are_sent_to_log_in(client, regions):
    response = client.get(url("region", "edit", regions["alesundregionen"].pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


# What a region's editors may do --------------------------------------------------------


def council_form(region, **overrides):
    data = {
        "region": region.pk,
        "name": "Ungdomsrådet",
        "slug": "ungdomsradet",
        "mandate": "",
        "term_start": "",
        "term_end": "",
        "language": "nn",
        "source_note": "",
        "members": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_region_editor_adds_a_council_only_in_their_region(client, alesund_editor, regions):
    client = login(client, alesund_editor)
    refused = client.post(url("council", "add"), council_form(regions["molderegionen"]))
    assert refused.status_code == 200
    assert "region" in refused.context["form"].errors
    assert not Council.objects.filter(slug="ungdomsradet").exists()
    accepted = client.post(url("council", "add"), council_form(regions["alesundregionen"]))
    assert accepted.status_code == 302
    assert Council.objects.get(slug="ungdomsradet").region.slug == "alesundregionen"


def test_region_editor_edits_their_meeting(client, alesund_editor):
    meeting = Meeting.objects.get(council__slug="radet-for-region-alesund")
    client = login(client, alesund_editor)
    assert client.get(url("meeting", "edit", meeting.pk)).status_code == 200
    data = nested_form_data(
        {
            "council": meeting.council_id,
            "title": "Første møte",
            "start": "2017-03-10 10:00",
            "end": "2017-03-10 14:00",
            "venue_name": "Quality Hotel Waterfront",
            "venue_address": "Ålesund",
            "status": "held",
            "minutes": "",
            "agenda_items": inline_formset(
                [{"title": "Velkommen", "description": ""}, {"title": "Mandat", "description": ""}]
            ),
            "attachments": inline_formset([]),
            "attendance": inline_formset([]),
        }
    )
    response = client.post(url("meeting", "edit", meeting.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    assert [i.title for i in meeting.agenda_items.order_by("sort_order")] == [
        "Velkommen",
        "Mandat",
    ]
    meeting.refresh_from_db()
    assert meeting.start == dt.datetime(2017, 3, 10, 9, tzinfo=dt.UTC)  # 10:00 in Oslo


def test_a_meeting_ending_before_it_starts_is_refused(client, alesund_editor):
    meeting = Meeting.objects.get(council__slug="radet-for-region-alesund")
    data = nested_form_data(
        {
            "council": meeting.council_id,
            "title": "",
            "start": "2017-03-10 10:00",
            "end": "2017-03-10 09:00",
            "venue_name": "",
            "venue_address": "",
            "status": "held",
            "minutes": "",
            "agenda_items": inline_formset([]),
            "attachments": inline_formset([]),
            "attendance": inline_formset([]),
        }
    )
    response = login(client, alesund_editor).post(url("meeting", "edit", meeting.pk), data)
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.venue_name == "Quality Hotel Waterfront"


# The region form and its membership rows -----------------------------------------------


def region_form(region, rows, **overrides):
    existing = list(region.memberships.select_related("municipality").order_by("pk"))
    forms = [
        {
            "id": m.pk,
            "municipality": m.municipality.code,
            "kind": m.kind,
            "is_centre": "on" if m.is_centre else "",
            "valid_from": m.valid_from.isoformat(),
            "valid_to": m.valid_to.isoformat() if m.valid_to else "",
            "source_note": m.source_note,
        }
        for m in existing
    ]
    data = {
        "name": region.name,
        "slug": region.slug,
        "kind": region.kind,
        "host": "",
        "description": region.description,
        "language": region.language,
        "contact_name": "",
        "contact_title": "",
        "contact_email": "",
        "contact_phone": "",
        "memberships": inline_formset(
            forms + [{"kind": "member", "is_centre": "", "source_note": "", **r} for r in rows],
            initial=len(forms),
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def post_region(client, user, region, rows, language=None, **overrides):
    """Post as `user`, whose admin speaks `language` (Wagtail's preference; default nb)."""
    if language:
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    client = login(client, user)
    return client.post(url("region", "edit", region.pk), region_form(region, rows, **overrides))


def row_errors(response):
    formset = response.context["form"].formsets["memberships"]
    return [e for form in formset.forms for errors in form.errors.values() for e in errors]


def test_region_editor_adds_a_membership(client, alesund_editor, regions):
    region = regions["alesundregionen"]
    response = post_region(
        client, alesund_editor, region, [{"municipality": "1580", "valid_from": "2024-01-01"}]
    )
    assert response.status_code == 302
    assert region.memberships.filter(municipality__code="1580").exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"municipality": "1580", "valid_from": "2024-01-01", "valid_to": "2023-01-01"},
            "Medlemskapet må slutte etter at det begynner",
        ),
        (
            {"municipality": "1504", "valid_from": "2021-01-01"},
            "Ingen kommune hadde kommunenummer 1504 1. januar 2021.",
        ),
        (
            {"municipality": "1523", "valid_from": "2018-01-01", "valid_to": "2021-01-01"},
            "Ørskog (1523) fantes fra 1. januar 2017 til 31. desember 2019",
        ),
        (
            {"municipality": "1531", "valid_from": "2018-01-01"},
            "Sula (1531) er allerede medlem av denne regionen fra 1. januar 2017",
        ),
    ],
    ids=["ends-before-start", "unknown-code", "outlives-version", "overlap"],
)
def test_bad_membership_rows_are_refused_and_nothing_is_saved(
    client, operator_editor, regions, row, message
):
    region = regions["alesundregionen"]
    before = list(Membership.objects.order_by("pk").values())
    response = post_region(client, operator_editor, region, [row], description="Endret beskrivelse")
    assert response.status_code == 200
    assert any(message in error for error in row_errors(response)), row_errors(response)
    assert list(Membership.objects.order_by("pk").values()) == before
    region.refresh_from_db()
    assert region.description == ""  # the region itself was not saved either
    # The form keeps what was typed.
    assert row["municipality"] in response.content.decode()


def test_overlap_between_two_new_rows_is_refused(client, operator_editor, regions):
    region = Region.objects.create(name="Prøve", slug="prove")
    rows = [
        {"municipality": "1531", "valid_from": "2017-01-01", "valid_to": "2019-01-01"},
        {"municipality": "1531", "valid_from": "2018-06-01"},
    ]
    response = post_region(client, operator_editor, region, rows)
    assert response.status_code == 200
    assert any("er allerede medlem" in e for e in row_errors(response))
    assert not region.memberships.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nn", "Ørskog (1523) fanst frå 1. januar 2017 til 31. desember 2019"),
        ("en", "Ørskog (1523) existed from 1 January 2017 to 31 December 2019"),
    ],
)
def test_refusals_speak_the_editors_language(client, operator_editor, regions, language, message):
    row = {"municipality": "1523", "valid_from": "2018-01-01", "valid_to": "2021-01-01"}
    response = post_region(client, operator_editor, regions["alesundregionen"], [row], language)
    assert response.status_code == 200
    assert any(message in error for error in row_errors(response)), row_errors(response)


def test_region_editor_cannot_change_who_edits_the_region(client, alesund_editor, regions):
    from django.contrib.auth.models import Group

    region = regions["alesundregionen"]
    groups = set(region.editor_groups.values_list("pk", flat=True))
    other = Group.objects.create(name="Inntrenger")
    response = post_region(client, alesund_editor, region, [], editor_groups=[other.pk])
    assert response.status_code == 302
    assert set(region.editor_groups.values_list("pk", flat=True)) == groups


def test_operator_changes_everything(client, operator_editor, regions, molde_meeting):
    client = login(client, operator_editor)
    for model, pk in [
        ("programme", Programme.objects.get().pk),
        ("region", regions["molderegionen"].pk),
        ("council", molde_meeting.council_id),
        ("meeting", molde_meeting.pk),
    ]:
        assert client.get(url(model, "edit", pk)).status_code == 200, model
    assert client.get(url("region", "add")).status_code == 200
    assert client.get(url("sector", "list")).status_code == 200
