"""The sessions admin (filter, search, inline speakers and materials) and the demo content."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from byregion.gatherings.models import GatheringPage, Material, Session

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/gatherings/session/"
# `admin_client` is pytest-django's: a client logged in as a superuser.


def test_sessions_list_filters_by_gathering_and_searches(admin_client, gathering, gathering_index):
    from .conftest import make_gathering, make_session, oslo

    other = make_gathering(gathering_index, "anna")
    make_session(other, "Framand økt", oslo(2027, 4, 14, 9), oslo(2027, 4, 14, 10))
    text = admin_client.get(ADMIN, {"gathering": gathering.pk}).text
    assert "Verkstad i Rom A" in text and "Framand økt" not in text
    text = admin_client.get(ADMIN, {"q": "Framand"}).text
    assert "Framand økt" in text and "Verkstad i Rom A" not in text


def test_adding_a_material_after_the_gathering_needs_no_page_revision(admin_client, gathering):
    session = gathering.sessions.get(title="Middag")
    revisions = gathering.revisions.count()
    form = {
        "gathering": gathering.pk,
        "title": session.title,
        "start": "2027-04-14 19:00",
        "end": "2027-04-14 22:00",
        "format": "meal",
        "room": "",
        "capacity": "120",
        "description": "",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "speakers-0-name": "",
        "speakers-0-title": "Kjøkensjef",
        "speakers-0-organisation": "",
        "speakers-0-organisation_name": "Hotellet",
        "speakers-0-ORDER": "1",
        "speakers-0-id": "",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000",
        "materials-0-title": "Meny",
        "materials-0-kind": "link",
        "materials-0-document": "",
        "materials-0-url": "https://example.org/meny",
        "materials-0-ORDER": "1",
        "materials-0-id": "",
    }
    response = admin_client.post(f"{ADMIN}edit/{session.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors
    assert session.materials.get().url == "https://example.org/meny"
    assert session.speakers.get().organisation_label == "Hotellet"
    assert gathering.revisions.count() == revisions
    cache.clear()
    assert "https://example.org/meny" in admin_client.get(gathering.url + "program/").text

    # A material without a document or a link is refused, and nothing is saved.
    form |= {"materials-0-url": "", "materials-0-title": "Tom", "title": "Endra"}
    response = admin_client.post(f"{ADMIN}edit/{session.pk}/", form)
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.title == "Middag"
    assert not Material.objects.filter(title="Tom").exists()


def test_demo_is_idempotent_and_from_public_facts():
    from byregion.demo.content import load_all

    load_all()
    load_all()
    alesund = GatheringPage.objects.get(slug="byregionsamling-i-alesund-2017")
    assert alesund.url == "/samlinger/byregionsamling-i-alesund-2017/"
    assert alesund.language == "nn"
    assert alesund.status == "held"
    assert alesund.dates_only and alesund.venue_name == "" and alesund.town == "Ålesund"
    assert alesund.theme == "Handlingsrom for næringsretta samfunnsutvikling"
    assert alesund.organiser.name == "Distriktssenteret"
    assert alesund.host_region.slug == "alesundregionen"
    assert alesund.programme.slug == "byregionprogrammet"
    assert "Samlinga skal inspirere, utfordre og gje kunnskap." in alesund.body
    # The real programme is not in our sources: the demo's is an example, and says so.
    assert alesund.programme_is_example and not alesund.is_generated
    assert alesund.capacity == 230  # the article's figure
    sessions = list(alesund.sessions.prefetch_related("speakers"))
    assert len(sessions) == 13
    assert {timezone.localtime(s.start).date() for s in sessions} == {
        dt.date(2017, 3, 22),
        dt.date(2017, 3, 23),
    }
    assert sum(s.format == "workshop" for s in sessions) == 3
    assert any(s.format == "meal" and s.title == "Middag" for s in sessions)
    assert all(not speaker.name for s in sessions for speaker in s.speakers.all())
    assert all("(rolle" in sp.title for s in sessions for sp in s.speakers.all())
    assert any("Rådet for Region Ålesund" in s.title for s in sessions)
    assert any("37 byregionane" in s.title for s in sessions)
    assert all(
        "Eksempelprogram" in s.description for s in sessions if s.format in {"plenary", "workshop"}
    )
    assert GatheringPage.objects.count() == 5  # four real gatherings, one example

    example = GatheringPage.objects.get(is_generated=True)
    assert "generert" in example.title
    assert example.status == "open" and example.capacity
    sessions = Session.objects.filter(gathering=example)
    assert sessions.count() == 11
    assert sessions.filter(format="workshop", capacity__isnull=False).count() == 3
    assert all(not speaker.name for s in sessions for speaker in s.speakers.all())
    assert {m.url for m in Material.objects.filter(session__gathering=example)} == {
        "https://example.org/byregion/eksempel-presentasjon.pdf"
    }


def test_gathering_admin_page_links_to_its_sessions(admin_client, gathering):
    text = admin_client.get(f"/admin/pages/{gathering.pk}/edit/").text
    assert f"{ADMIN}?gathering={gathering.pk}" in text


def test_an_end_before_the_start_is_refused_in_words(admin_client, gathering):
    session = gathering.sessions.get(title="Middag")
    response = admin_client.post(
        f"{ADMIN}edit/{session.pk}/",
        {
            "gathering": gathering.pk,
            "title": "Middag",
            "start": "2027-04-14 19:00",
            "end": "2027-04-14 18:00",
            "format": "meal",
            **{f"{kind}-{key}": value for kind in ("speakers", "materials")
               for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Slutten må være etter starten." in response.text  # the admin user's language: nb
    session.refresh_from_db()
    assert session.end.hour == 20  # 22.00 Oslo is 20.00 UTC: unchanged


def test_sitemap_lists_the_programme(rf, gathering):
    locations = [url["location"] for url in gathering.get_sitemap_urls(rf.get("/"))]
    assert [loc.split("/samlinger/")[1] for loc in locations] == [
        "regional-samling-2027/",
        "regional-samling-2027/program/",
    ]
