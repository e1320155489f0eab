"""The whole-page cache never shows a visitor stale content (core/pagecache.py).

Each test of a dependency stores a page (a miss, then the same bytes as a hit), changes what
the page shows the way an editor, an import or a participant does, and reads the page again:
the change shows at once. Time is a clock the test moves (`clock`): Django's `timezone.now`
and `time.time`, which the page cache and the cache backend read, together. Then what must
never be stored: editors, personal pages, posts, answers that set a cookie, pages behind a
password; and the headers a stored answer is served with.
"""

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from byregion.gatherings.models import (
    GatheringIndexPage,
    GatheringPage,
    GatheringStatus,
    Material,
    Session,
    Speaker,
)
from byregion.knowledge.models import ExperiencePage
from byregion.networks.models import Council, Meeting, Membership, Programme, Region
from byregion.news.models import NewsArticlePage, NewsSectionPage
from byregion.organisations.models import OpeningHours, Organisation
from byregion.places.models import Municipality
from byregion.registrations import audit, checkin, privacy, services
from byregion.registrations.models import Status
from byregion.site.models import SiteChrome
from byregion.themes.models import Theme
from tests.clock import moving_clock
from tests.pages import role_categories

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
ARTICLE = "/nyheter/alesund-kommune/byregionsamling-i-alesund/"
ALESUND_GATHERING = "/samlinger/byregionsamling-i-alesund-2017/"
ORGANISATION = "/organisasjoner/alesund-kommune/"
REGION = "/regioner/alesundregionen/"
COUNCIL = "/regioner/alesundregionen/rad/radet-for-region-alesund/"
HOME = "/"
LEAD = "230 deltakarar frå byregionar"  # the demo article's lead


# -- reading ---------------------------------------------------------------------------------


def text(response) -> str:
    """What a visitor reads: the page's text, whitespace collapsed."""
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def section(response, heading_id: str) -> str:
    """The text of the section whose heading has this id (upcoming, past)."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    heading = soup.find(id=heading_id)
    assert heading is not None, heading_id
    return " ".join(heading.find_parent("section").get_text(" ").split())


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def stored(client, url):
    """`url` rendered and stored: a miss, then the same bytes from the cache."""
    first = get(client, url)
    assert first["X-Byregion-Cache"] == "miss", url
    second = get(client, url)
    assert second["X-Byregion-Cache"] == "hit", url
    assert second.content == first.content
    return second


def again(client, url):
    """`url` after a change: rendered anew, not the copy stored before."""
    response = get(client, url)
    assert response["X-Byregion-Cache"] == "miss", url
    return response


def gone(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 404, (url, response.status_code)


# -- content built in the tests ----------------------------------------------------------------


def article() -> NewsArticlePage:
    return NewsArticlePage.objects.get(url_path__endswith="/byregionsamling-i-alesund/")


def gathering_index() -> GatheringIndexPage:
    return GatheringIndexPage.objects.get()


def publish_gathering(title: str, **fields) -> GatheringPage:
    """A gathering published below the demo's index (a month ahead, open, two seats)."""
    start = timezone.now() + dt.timedelta(days=30)
    fields.setdefault("start", start)
    fields.setdefault("end", fields["start"] + dt.timedelta(hours=6))
    fields.setdefault("status", GatheringStatus.OPEN)
    fields.setdefault("capacity", 2)
    slug = f"testsamling-{uuid.uuid4().hex[:8]}"
    gathering = GatheringPage(title=title, slug=slug, language="nb", **fields)
    gathering_index().add_child(instance=gathering)
    gathering.save_revision().publish()
    return gathering


def page_url(gathering: GatheringPage) -> str:
    return f"/samlinger/{gathering.slug}/"


@pytest.fixture
def applicant(demo_content):
    """Applicant data for the registration services, as the form gives them."""
    numbers = iter(range(1, 1000))
    role = role_categories()["project leader"]
    region = Region.objects.get(slug="alesundregionen")

    def build(**fields):
        n = next(numbers)
        return {
            "name": f"Hurtigbufra Deltakar {n:03d}",
            "email": f"hurtig{n:03d}@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "role": role,
            "region": region,
            **fields,
        }

    return build


def register(gathering, data):
    return services.register(gathering, data, idempotency_key=uuid.uuid4(), notify=False)


@pytest.fixture
def clock(monkeypatch, demo_content):
    """A clock the test moves: `timezone.now` and `time.time` (the page cache's and the
    cache backend's expiry) read it together. It starts on a Monday at noon in Oslo, far
    from midnight (where every stored page ends anyway)."""
    return moving_clock(monkeypatch, dt.datetime(2031, 3, 3, 12, 0, tzinfo=OSLO))


def kept_for_at_most(response, seconds: float) -> None:
    """The stored answer (and the proxy's copy) ends no later than `seconds` from now."""
    assert 0 < int(response["X-Accel-Expires"]) <= seconds


# -- Wagtail pages ------------------------------------------------------------------------------


def test_publishing_a_page_shows_the_new_text_on_it_and_in_every_listing(client, demo_media):
    listings = ("/nyheter/", "/nyheter/alesund-kommune/", "/", "/feed/nyheter/atom/")
    for url in (ARTICLE, "/nn" + ARTICLE, *listings):
        stored(client, url)
    page = article()
    page.title = "Byregionane samla i Ålesund"
    page.lead = "Ei ny ingress som berre den nye versjonen har."
    page.save_revision().publish()

    for url in (ARTICLE, "/nn" + ARTICLE):
        assert "Ei ny ingress som berre den nye versjonen har." in text(again(client, url))
    for url in listings:
        assert "Byregionane samla i Ålesund" in again(client, url).content.decode(), url


def test_a_page_published_with_a_new_slug_answers_at_its_new_address(client, demo_media):
    new_url = "/nyheter/alesund-kommune/byregionane-samla-i-alesund/"
    gone(client, new_url)
    stored(client, ARTICLE)
    page = article()
    page.slug = "byregionane-samla-i-alesund"
    page.save_revision().publish()
    # Not the stored page: Wagtail's redirect to the new address is made once the change
    # commits (page_slug_changed), which a test's transaction never does; until then, 404.
    gone(client, ARTICLE)
    assert LEAD in text(again(client, new_url))


def test_a_newly_published_page_appears_in_the_listings(client, demo_content):
    files = ("/samlinger/kalender/", "/api/gatherings?when=upcoming", "/sitemap-pages.xml")
    for url in ("/samlinger/", "/samlinger/serie/byregionprogrammet/", *files):
        stored(client, url)
    programme = Programme.objects.get(slug="byregionprogrammet")
    gathering = publish_gathering("Hurtigbuffersamlinga", programme=programme)
    assert "Hurtigbuffersamlinga" in section(again(client, "/samlinger/"), "upcoming")
    upcoming = section(again(client, "/samlinger/serie/byregionprogrammet/"), "upcoming")
    assert "Hurtigbuffersamlinga" in upcoming
    assert "Hurtigbuffersamlinga" in again(client, "/samlinger/kalender/").content.decode()
    assert "Hurtigbuffersamlinga" in again(client, "/api/gatherings?when=upcoming").content.decode()
    assert page_url(gathering) in again(client, "/sitemap-pages.xml").content.decode()
    assert "Hurtigbuffersamlinga" in text(stored(client, page_url(gathering)))


def test_unpublishing_a_page_takes_it_off_the_site(client, demo_media):
    stored(client, ARTICLE)
    for url in ("/nyheter/", "/"):
        assert LEAD in text(stored(client, url)), url
    article().unpublish()
    gone(client, ARTICLE)
    for url in ("/nyheter/", "/"):
        assert LEAD not in text(again(client, url)), url


def test_moving_a_page_moves_its_address_and_its_listing(client, demo_media):
    new_url = "/nyheter/distriktssenteret/byregionsamling-i-alesund/"
    gone(client, new_url)
    stored(client, ARTICLE)
    assert LEAD in text(stored(client, "/nyheter/alesund-kommune/"))
    assert LEAD not in text(stored(client, "/nyheter/distriktssenteret/"))
    operator_section = NewsSectionPage.objects.get(slug="distriktssenteret")
    article().move(operator_section, pos="last-child")

    moved = client.get(ARTICLE)  # Wagtail leaves a redirect at the old address
    assert moved.status_code == 301 and moved["Location"] == new_url
    assert "Byregionsamling i Ålesund" in text(again(client, new_url))
    assert LEAD in text(again(client, "/nyheter/distriktssenteret/"))
    assert LEAD not in text(again(client, "/nyheter/alesund-kommune/"))


def test_deleting_a_page_takes_it_off_the_site(client, demo_content):
    url = "/erfaringer/betre-kollektivtransport/"
    stored(client, url)
    for each in ("/erfaringer/", "/tema/samspel-by-og-omland/"):
        assert "Betre kollektivtransport i regionen" in text(stored(client, each)), each
    ExperiencePage.objects.get(slug="betre-kollektivtransport").delete()
    gone(client, url)
    assert "Betre kollektivtransport i regionen" not in text(again(client, "/erfaringer/"))
    theme_page = text(again(client, "/tema/samspel-by-og-omland/"))
    assert "Betre kollektivtransport i regionen" not in theme_page


def test_a_scheduled_revision_shows_once_the_publishing_job_has_run(client, demo_media):
    for url in (ARTICLE, "/nyheter/"):
        stored(client, url)
    page = article()
    page.title = "Planlagd tittel på artikkelen"
    page.save_revision(approved_go_live_at=timezone.now() - dt.timedelta(minutes=1))
    assert "Planlagd tittel på artikkelen" not in text(get(client, ARTICLE))  # not yet live

    call_command("publish_scheduled")
    for url in (ARTICLE, "/nyheter/"):
        assert "Planlagd tittel på artikkelen" in text(again(client, url)), url


def test_a_page_that_expires_leaves_the_site_when_the_publishing_job_runs(client, demo_media):
    stored(client, ARTICLE)
    assert LEAD in text(stored(client, "/nyheter/"))
    Page.objects.filter(pk=article().pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
    call_command("publish_scheduled")
    gone(client, ARTICLE)
    assert LEAD not in text(again(client, "/nyheter/"))


# -- records edited in the admin ----------------------------------------------------------------


def test_an_organisation_renamed_shows_on_its_page_the_directory_and_its_news(client, demo_media):
    urls = (ORGANISATION, "/organisasjoner/?page=2", "/en" + ORGANISATION, ARTICLE)
    api = "/api/organisations/alesund-kommune"
    for url in (*urls, "/sok/?q=ålesund", api):
        stored(client, url)
    organisation = Organisation.objects.get(slug="alesund-kommune")
    organisation.name = "Ålesund bykommune"
    organisation.save()
    for url in (*urls, "/sok/?q=ålesund"):
        assert "Ålesund bykommune" in text(again(client, url)), url
    assert again(client, api).json()["name"] == "Ålesund bykommune"


def footer(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.footer.get_text(" ").split())


def test_the_footer_on_every_page_follows_the_operator_and_the_site_settings(client, demo_content):
    for url in ("/", "/samlinger/", ORGANISATION):
        assert "Distriktssenteret" in footer(stored(client, url)), url
    operator = Organisation.objects.get(slug="distriktssenteret")
    operator.email = "post@distriktssenteret.example.org"
    operator.save()
    for url in ("/", "/samlinger/", ORGANISATION):
        assert "post@distriktssenteret.example.org" in footer(again(client, url)), url

    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))
    chrome.operator = Organisation.objects.get(slug="alesund-kommune")  # the site's settings
    chrome.save()
    for url in ("/", "/samlinger/"):
        assert footer(again(client, url)).startswith("Ålesund kommune"), url


def test_a_changed_contact_point_shows_on_the_organisation_page(client, demo_content):
    stored(client, ORGANISATION)
    organisation = Organisation.objects.get(slug="alesund-kommune")
    organisation.email = "postmottak@alesund.example.org"
    organisation.phone = "70 00 00 01"
    organisation.save()
    page = again(client, ORGANISATION)
    assert "postmottak@alesund.example.org" in text(page)
    assert 'href="tel:+4770000001"' in page.content.decode()


def test_opening_hours_added_show_on_the_organisation_page(client, demo_content):
    before = text(stored(client, ORGANISATION))
    assert "kl. 10.00–14.00" not in before  # noqa: RUF001 (the en dash is what shows)
    organisation = Organisation.objects.get(slug="alesund-kommune")
    for weekday in range(5):  # as the admin's inline panel does: kept, then saved with it
        organisation.opening_hours.add(
            OpeningHours(weekday=weekday, opens=dt.time(10), closes=dt.time(14))
        )
    organisation.save()
    assert "kl. 10.00–14.00" in text(again(client, ORGANISATION))  # noqa: RUF001


def test_a_municipality_renamed_by_the_import_shows_on_its_pages(client, demo_content, tmp_path):
    for url in ("/kommuner/1508/", "/kommuner/"):
        stored(client, url)
    current = Municipality.objects.get(code="1508", valid_to__isnull=True)
    codes = {
        "codes": [
            {
                "code": "1508",
                "parentCode": "15",
                "level": "2",
                "name": "Ålesund (omdøypt)",
                "shortName": "",
                "presentationName": "",
                "validFrom": current.valid_from.isoformat(),
                "validTo": None,
                "notes": "",
            }
        ]
    }
    path = tmp_path / "municipalities.json"
    path.write_text(json.dumps(codes, ensure_ascii=False), encoding="utf-8")
    call_command("import_places", str(path))
    for url in ("/kommuner/1508/", "/kommuner/"):
        assert "Ålesund (omdøypt)" in text(again(client, url)), url


def test_a_region_edited_shows_on_the_region_pages(client, demo_content):
    for url in (REGION, "/regioner/"):
        stored(client, url)
    region = Region.objects.get(slug="alesundregionen")
    region.name = "Sunnmøre byregion"
    region.description = "Ein ny omtale av regionen."
    region.save()
    page = text(again(client, REGION))
    assert "Sunnmøre byregion" in page and "Ein ny omtale av regionen." in page
    assert "Sunnmøre byregion" in text(again(client, "/regioner/"))


def test_a_membership_added_shows_on_the_region_page(client, demo_content):
    url = REGION + "?date=2017-06-01"
    assert "Molde" not in section(stored(client, url), "members-then")
    region = Region.objects.get(slug="alesundregionen")
    molde = Municipality.objects.filter(code="1502").order_by("valid_from").first()
    Membership.objects.create(region=region, municipality=molde, valid_from=dt.date(2017, 1, 1))
    assert "Molde" in section(again(client, url), "members-then")


def test_a_council_edited_shows_on_its_page_and_the_region_page(client, demo_content):
    for url in (COUNCIL, REGION):
        stored(client, url)
    council = Council.objects.get(slug="radet-for-region-alesund")
    council.name = "Regionrådet for Ålesund"
    council.save()
    for url in (COUNCIL, REGION):
        assert "Regionrådet for Ålesund" in text(again(client, url)), url


def test_a_meeting_edited_shows_on_its_page_and_the_council_page(client, demo_content):
    meeting = Meeting.objects.get(council__slug="radet-for-region-alesund")
    meeting_url = meeting.get_absolute_url()
    for url in (meeting_url, COUNCIL):
        stored(client, url)
    meeting.title = "Konstituerande møte i rådet"
    meeting.venue_name = "Rådhuset i Ålesund"
    meeting.save()
    assert "Rådhuset i Ålesund" in text(again(client, meeting_url))
    assert "Konstituerande møte i rådet" in text(again(client, COUNCIL))


def alesund_session(title_start: str) -> Session:
    return Session.objects.get(
        gathering__slug="byregionsamling-i-alesund-2017", title__startswith=title_start
    )


def test_a_session_edited_shows_in_the_programme_and_on_its_page(client, demo_content):
    session = alesund_session("Tre byregionprosjekt")
    programme = ALESUND_GATHERING + "program/"
    session_url = f"{programme}{session.pk}/"
    for url in (programme, session_url):
        stored(client, url)
    session.title = "Fire byregionprosjekt i Møre og Romsdal"
    session.room = "Sal Storfjorden"
    session.save()
    for url in (programme, session_url):
        page = text(again(client, url))
        assert "Fire byregionprosjekt i Møre og Romsdal" in page and "Sal Storfjorden" in page


def test_a_speaker_added_shows_in_the_programme_and_on_the_session_page(client, demo_content):
    session = alesund_session("Tre byregionprosjekt")
    programme = ALESUND_GATHERING + "program/"
    session_url = f"{programme}{session.pk}/"
    for url in (programme, session_url):
        stored(client, url)
    Speaker.objects.create(session=session, name="Kari Hurtigbuffer", title="Prosjektleiar")
    for url in (programme, session_url):
        assert "Kari Hurtigbuffer" in text(again(client, url)), url


def test_a_material_edited_shows_in_the_programme_and_on_the_session_page(client, demo_content):
    material = Material.objects.select_related("session__gathering").get()
    programme = material.session.gathering.url + "program/"
    session_url = f"{programme}{material.session_id}/"
    for url in (programme, session_url):
        assert material.title in text(stored(client, url)), url
    material.title = "Lysark frå opninga (ny versjon)"
    material.save()
    for url in (programme, session_url):
        assert "Lysark frå opninga (ny versjon)" in text(again(client, url)), url


def test_a_theme_edited_shows_on_the_theme_pages_and_where_it_is_used(client, demo_content):
    theme_url = "/tema/stadutvikling/"
    experience = "/erfaringer/utvikling-av-campusomradet/"
    for url in (theme_url, "/tema/", experience):
        stored(client, url)
    theme = Theme.objects.get(slug="stadutvikling")
    theme.name_nb = "Stedsutvikling og byrom"
    theme.description = "Ein ny omtale av temaet."
    theme.save()
    assert "Ein ny omtale av temaet." in text(again(client, theme_url))
    for url in ("/tema/", experience):
        assert "Stedsutvikling og byrom" in text(again(client, url)), url


def test_an_experience_published_shows_on_its_page_the_listing_and_its_theme(client, demo_content):
    url = "/erfaringer/utvikling-av-campusomradet/"
    for each in (url, "/erfaringer/", "/tema/stadutvikling/"):
        stored(client, each)
    experience = ExperiencePage.objects.get(slug="utvikling-av-campusomradet")
    experience.title = "Campus i sentrum"
    experience.save_revision().publish()
    for each in (url, "/erfaringer/", "/tema/stadutvikling/"):
        assert "Campus i sentrum" in text(again(client, each)), each


# -- seats ----------------------------------------------------------------------------------------


def seats_line(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.select_one(".byr-registration-status").get_text(" ").split())


def test_free_seats_on_the_gathering_page_follow_registrations(client, applicant):
    gathering = publish_gathering("Samling med to plassar")
    url = page_url(gathering)
    assert "2 ledige plasser av 2." in seats_line(stored(client, url))
    first = register(gathering, applicant())
    assert "1 ledig plass av 2." in seats_line(again(client, url))
    assert get(client, url)["X-Byregion-Cache"] == "hit"  # stored again
    services.cancel(first, notify=False)
    assert "2 ledige plasser av 2." in seats_line(again(client, url))
    gathering.capacity = 3  # the organiser adds a seat
    gathering.save_revision().publish()
    assert "3 ledige plasser av 3." in seats_line(again(client, url))


def test_the_waitlist_line_follows_registrations_and_cancellations(client, applicant):
    gathering = publish_gathering("Samling med éin plass", capacity=1)
    url = page_url(gathering)
    seated = register(gathering, applicant())
    assert "person står på venteliste" not in seats_line(stored(client, url))
    waiting = register(gathering, applicant())
    assert waiting.status == Status.WAITLISTED
    assert "1 person står på venteliste." in seats_line(again(client, url))
    services.cancel(seated, notify=False)  # the one waiting gets the seat
    assert "person står på venteliste" not in seats_line(again(client, url))


def form_url(gathering) -> str:
    return reverse("registrations:register", args=[gathering.slug])


def hidden(response, name: str) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one(f"form input[name={name}]")["value"]


def test_the_registration_form_is_kept_with_each_visitors_own_token_and_key(demo_content):
    """2,000 people opening the form at once are served the stored page; the CSRF token and
    the form key in it are each visitor's own, and the answer is private."""
    gathering = publish_gathering("Samling med skjema")
    visitors = [Client(enforce_csrf_checks=True) for _ in range(3)]
    answers = [get(visitor, form_url(gathering)) for visitor in visitors]
    assert [a["X-Byregion-Cache"] for a in answers] == ["miss", "hit", "hit"]
    for answer in answers:
        assert "byrhole-" not in answer.content.decode()
        assert "private" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]
        assert not answer.has_header("ETag") and answer["X-Accel-Expires"] == "0"
        assert "csrftoken" in answer.cookies
    assert len({hidden(a, "csrfmiddlewaretoken") for a in answers}) == 3
    assert len({hidden(a, "idempotency_key") for a in answers}) == 3
    assert len({a.cookies["csrftoken"].value for a in answers}) == 3


def test_a_form_from_the_cache_registers_with_its_token_and_a_second_tab_keeps_it_valid(
    demo_content,
):
    gathering = publish_gathering("Samling med to faner")
    get(Client(), form_url(gathering))  # rendered and stored by someone else
    visitor = Client(enforce_csrf_checks=True)
    first_tab = get(visitor, form_url(gathering))
    second_tab = get(visitor, form_url(gathering))
    assert first_tab["X-Byregion-Cache"] == second_tab["X-Byregion-Cache"] == "hit"
    role = role_categories()["project leader"]
    region = Region.objects.get(slug="alesundregionen")
    data = {
        "name": "Fane Deltakar",
        "email": "fane@example.invalid",
        "organisation_name": "Testorganisasjonen",
        "role": role.pk,
        "region": region.pk,
        "csrfmiddlewaretoken": hidden(first_tab, "csrfmiddlewaretoken"),
        "idempotency_key": hidden(first_tab, "idempotency_key"),
    }
    sent = visitor.post(form_url(gathering), data)
    assert sent.status_code == 302, sent.content.decode()[:2000]
    assert gathering.registrations.get().name == "Fane Deltakar"


def test_a_token_from_another_visitors_form_is_refused(demo_content):
    gathering = publish_gathering("Samling med framand token")
    visitor, stranger = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    theirs = get(visitor, form_url(gathering))
    get(stranger, form_url(gathering))  # the stranger has a cookie of their own
    data = {"csrfmiddlewaretoken": hidden(theirs, "csrfmiddlewaretoken"), "name": "X"}
    assert stranger.post(form_url(gathering), data).status_code == 403
    assert not gathering.registrations.exists()


def test_seats_on_a_stored_registration_form_follow_registrations(client, applicant):
    gathering = publish_gathering("Samling med skjema og plassar")
    url = form_url(gathering)
    assert "2 ledige plasser av 2." in seats_line(stored_form(client, url))
    register(gathering, applicant())
    after = get(client, url)
    assert after["X-Byregion-Cache"] == "hit"  # the page around the seats is the same
    assert "1 ledig plass av 2." in seats_line(after)


def test_a_registration_form_that_closes_is_not_shown_from_the_cache(client, clock):
    closes = clock.now + dt.timedelta(hours=1)
    gathering = publish_gathering("Samling som stenger", registration_closes=closes)
    url = form_url(gathering)
    assert has_form(stored_form(client, url))
    clock.advance(hours=2)
    closed = get(client, url)
    assert closed["X-Byregion-Cache"] == "miss"
    assert not has_form(closed) and "fristen" in seats_line(closed)


def has_form(response) -> bool:
    return bool(BeautifulSoup(response.content, "html.parser").select("form.byr-registration-form"))


def stored_form(client, url):
    """The form rendered and stored (its holes filled anew each time)."""
    assert get(client, url)["X-Byregion-Cache"] == "miss"
    second = get(client, url)
    assert second["X-Byregion-Cache"] == "hit"
    return second


def test_the_participant_list_follows_consent_changes_and_erasure(client, applicant):
    gathering = publish_gathering("Samling med deltakarliste")
    url = reverse("registrations:participants", args=[gathering.slug])
    person = register(gathering, applicant(name="Synleg Deltakar", public_consent=False))
    assert "Synleg Deltakar" not in text(stored(client, url))

    participant = Client()  # the person, through their own link
    consent = reverse("registrations:consent", args=[person.personal_token])
    assert participant.post(consent, {"consent": "1"}).status_code == 302
    assert "Synleg Deltakar" not in text(again(client, url))  # the address is not confirmed
    confirm = reverse(
        "registrations:confirm_email",
        args=[person.personal_token, person.email_confirmation_code],
    )
    assert participant.post(confirm).status_code == 302
    assert "Synleg Deltakar" in text(again(client, url))
    stored_again = get(client, url)
    assert stored_again["X-Byregion-Cache"] == "hit"

    privacy.anonymise(person, actor=audit.PARTICIPANT)
    assert "Synleg Deltakar" not in text(again(client, url))


def totals(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = soup.select("dl.byr-totals > div")
    return {row.dt.get_text(strip=True): row.dd.get_text(strip=True) for row in rows}


def test_the_statistics_follow_registrations_and_check_in(client, applicant):
    gathering = publish_gathering("Samling med statistikk", capacity=10)
    url = reverse("registrations:statistics", args=[gathering.slug])
    people = [register(gathering, applicant()) for _ in range(5)]
    assert totals(stored(client, url))["Påmeldt"] == "5"
    register(gathering, applicant())
    assert totals(again(client, url))["Påmeldt"] == "6"
    get(client, url)
    for person in people:  # five: the public statistics show no count under five
        checkin.check_in(gathering, person, actor=audit.SYSTEM)
    assert totals(again(client, url))["Møtte"] == "5"


def test_seats_change_only_their_own_gathering_pages(client, applicant):
    """A registration makes no other page stale: the seat tag is narrow. The home page shows
    the seats of the next three gatherings only, so a registration for a later one leaves it
    kept (one for a shown one renews it: test_seats_running_out_show_on_the_home_page)."""
    start = timezone.now() + dt.timedelta(days=30)
    for i in range(3):
        publish_gathering(f"Tidlegare samling {i}", start=start - dt.timedelta(days=i + 1))
    gathering = publish_gathering("Samling som får ei påmelding", start=start)
    other = publish_gathering("Ei anna samling", start=start)
    for url in (page_url(gathering), page_url(other), "/samlinger/", HOME):
        stored(client, url)
    assert "Samling som får ei påmelding" not in section(get(client, HOME), "home-gatherings")
    register(gathering, applicant())
    assert "1 ledig plass av 2." in seats_line(again(client, page_url(gathering)))
    for url in (page_url(other), "/samlinger/", HOME):
        assert get(client, url)["X-Byregion-Cache"] == "hit", url


def test_a_registration_with_its_mail_queued_in_the_database_leaves_other_pages_kept(
    client, applicant, settings
):
    """Production queues the confirmation in the database (django-tasks-db): the queue's
    row is never shown, so it must not make every page of the site stale."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    gathering = publish_gathering("Samling med e-post i kø")
    # Pages that do not show this gathering's seats (the home page does: it is among the
    # next three).
    for url in ("/samlinger/", ORGANISATION, REGION):
        stored(client, url)
    services.register(gathering, applicant(), idempotency_key=uuid.uuid4())
    for url in ("/samlinger/", ORGANISATION, REGION):
        assert get(client, url)["X-Byregion-Cache"] == "hit", url


# -- time ----------------------------------------------------------------------------------------


def test_a_gathering_becomes_past_on_the_listing_and_its_series_when_it_ends(client, clock):
    programme = Programme.objects.get(slug="byregionprogrammet")
    publish_gathering(
        "Samlinga som sluttar snart",
        programme=programme,
        start=clock.now - dt.timedelta(hours=2),
        end=clock.now + dt.timedelta(minutes=10),
    )
    urls = ("/samlinger/", "/samlinger/serie/byregionprogrammet/")
    api = "/api/gatherings?when=upcoming"
    for url in (*urls, api):
        response = stored(client, url)
        assert "Samlinga som sluttar snart" in response.content.decode()
        kept_for_at_most(response, 10 * 60)
    for url in urls:
        assert "Samlinga som sluttar snart" in section(get(client, url), "upcoming")
    clock.advance(minutes=9)
    for url in (*urls, api):
        assert get(client, url)["X-Byregion-Cache"] == "hit", url  # not over yet
    clock.advance(minutes=2)
    for url in urls:
        response = again(client, url)
        assert "Samlinga som sluttar snart" not in section(response, "upcoming")
        assert "Samlinga som sluttar snart" in section(response, "past")
    assert "Samlinga som sluttar snart" not in again(client, api).content.decode()


@pytest.fixture
def meeting_soon(demo_content, clock):
    council = Council.objects.get(slug="radet-for-region-alesund")
    return Meeting.objects.create(
        council=council,
        title="Møtet om ein halvtime",
        start=clock.now + dt.timedelta(minutes=30),
        end=clock.now + dt.timedelta(minutes=90),
    )


def test_a_councils_next_meeting_becomes_its_last_when_it_has_ended(client, clock, meeting_soon):
    meeting_url = meeting_soon.get_absolute_url()
    region = stored(client, REGION)
    assert f'Neste møte: <a class="ds-link" href="{meeting_url}"' in region.content.decode()
    kept_for_at_most(region, 90 * 60)
    council = stored(client, COUNCIL)
    assert "Møtet om ein halvtime" in section(council, "upcoming")
    kept_for_at_most(council, 90 * 60)
    meeting = stored(client, meeting_url)
    assert "Legg til i kalenderen din (.ics)" in text(meeting)

    clock.advance(minutes=91)
    region = again(client, REGION).content.decode()
    assert f'Siste møte: <a class="ds-link" href="{meeting_url}"' in region
    assert "Neste møte:" not in region
    council = again(client, COUNCIL)
    assert "Møtet om ein halvtime" in section(council, "past")
    assert "Møtet om ein halvtime" not in section(council, "upcoming")
    assert "Legg til i kalenderen din (.ics)" not in text(again(client, meeting_url))


def test_the_council_page_moves_a_short_meeting_to_the_past_inside_a_longer_one(
    client, clock, meeting_soon
):
    """Two upcoming meetings, the later one short: it ends first, and the page says so,
    also when the page was stored after the long one had begun."""
    Meeting.objects.create(
        council=meeting_soon.council,
        title="Kort møte midt i det lange",
        start=clock.now + dt.timedelta(minutes=40),
        end=clock.now + dt.timedelta(minutes=50),
    )
    clock.advance(minutes=35)  # the long meeting (30 to 90 minutes from the start) is on
    response = stored(client, COUNCIL)
    assert "Kort møte midt i det lange" in section(response, "upcoming")
    kept_for_at_most(response, 15 * 60)
    clock.advance(minutes=16)
    response = get(client, COUNCIL)
    assert "Kort møte midt i det lange" in section(response, "past")
    assert "Kort møte midt i det lange" not in section(response, "upcoming")


def test_the_registration_window_opens_and_closes_by_the_clock(client, clock):
    gathering = publish_gathering(
        "Samling der påmeldinga opnar snart",
        registration_opens=clock.now + dt.timedelta(minutes=10),
        registration_closes=clock.now + dt.timedelta(minutes=20),
    )
    url = page_url(gathering)
    form = reverse("registrations:register", args=[gathering.slug])
    response = stored(client, url)
    assert "Påmeldingen har ikke åpnet ennå." in seats_line(response)
    kept_for_at_most(response, 10 * 60)
    response = get(client, form)  # the form's page, kept with its holes
    assert response["X-Byregion-Cache"] == "miss" and not has_form(response)
    assert "Påmeldingen har ikke åpnet ennå." in seats_line(response)

    clock.advance(minutes=11)
    response = again(client, url)
    assert "2 ledige plasser av 2." in seats_line(response)
    assert f'href="{form}"' in response.content.decode()
    kept_for_at_most(response, 9 * 60)
    response = get(client, form)
    assert response["X-Byregion-Cache"] == "miss" and has_form(response)
    assert 'name="idempotency_key"' in response.content.decode()

    clock.advance(minutes=10)
    assert "Påmeldingsfristen er ute." in seats_line(again(client, url))


def test_an_answer_is_kept_no_longer_than_the_moment_it_changes_at(client, demo_content):
    """With the real clock: a registration opening two seconds from now caps the answer."""
    gathering = publish_gathering(
        "Samling som opnar om to sekund",
        registration_opens=timezone.now() + dt.timedelta(seconds=2),
    )
    response = get(client, page_url(gathering))
    assert response["X-Byregion-Cache"] == "miss"
    assert int(response["X-Accel-Expires"]) <= 2
    assert "s-maxage=0" in response["Cache-Control"]


# -- the home page: the next gatherings, the latest experiences, the regions (issue 16, item 12) --


def home_status(response, gathering) -> str:
    """The registration line of `gathering` on the home page."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    link = soup.select_one(f'#home-gatherings ~ ul a[href="{page_url(gathering)}"]')
    assert link is not None, gathering.title
    line = link.find_parent("li").select_one(".byr-registration-status")
    return " ".join(line.get_text(" ").split())


def test_a_gathering_published_shows_on_the_home_page_and_leaves_it_when_unpublished(
    client, demo_content
):
    assert "Samling på framsida" not in section(stored(client, HOME), "home-gatherings")
    gathering = publish_gathering("Samling på framsida")
    response = again(client, HOME)
    assert "Samling på framsida" in section(response, "home-gatherings")
    assert home_status(response, gathering) == seats_line(get(client, page_url(gathering)))
    gathering.unpublish()
    assert "Samling på framsida" not in section(again(client, HOME), "home-gatherings")


def test_registration_on_the_home_page_opens_and_closes_by_the_clock(client, clock):
    gathering = publish_gathering(
        "Samling der påmeldinga opnar snart",
        registration_opens=clock.now + dt.timedelta(minutes=10),
        registration_closes=clock.now + dt.timedelta(minutes=20),
    )
    response = stored(client, HOME)
    assert home_status(response, gathering) == "Påmeldingen har ikke åpnet ennå."
    kept_for_at_most(response, 10 * 60)

    clock.advance(minutes=11)
    response = again(client, HOME)
    # The same words as the gathering's own page, with its button to the form.
    assert home_status(response, gathering) == seats_line(get(client, page_url(gathering)))
    assert home_status(response, gathering).startswith("2 ledige plasser av 2.")
    assert f'href="{form_url(gathering)}"' in response.content.decode()
    kept_for_at_most(response, 9 * 60)

    clock.advance(minutes=10)
    response = again(client, HOME)
    assert home_status(response, gathering) == "Påmeldingsfristen er ute."
    assert home_status(response, gathering) == seats_line(get(client, page_url(gathering)))


def test_seats_running_out_show_on_the_home_page(client, applicant):
    gathering = publish_gathering("Samling med éin plass på framsida", capacity=1)
    assert home_status(stored(client, HOME), gathering).startswith("1 ledig plass av 1.")
    register(gathering, applicant())
    status = home_status(again(client, HOME), gathering)
    assert status.startswith("Alle plassene er tatt.")
    assert status == seats_line(get(client, page_url(gathering)))


def test_a_gathering_that_has_ended_leaves_the_home_page(client, clock):
    publish_gathering(
        "Kort samling",
        start=clock.now + dt.timedelta(hours=1),
        end=clock.now + dt.timedelta(hours=2),
    )
    response = stored(client, HOME)
    assert "Kort samling" in section(response, "home-gatherings")
    kept_for_at_most(response, 2 * 60 * 60)
    clock.advance(hours=2, minutes=1)
    assert "Kort samling" not in section(again(client, HOME), "home-gatherings")


def test_an_experience_published_shows_on_the_home_page(client, demo_content):
    stored(client, HOME)
    index = ExperiencePage.objects.first().get_parent()
    experience = ExperiencePage(
        title="Ny erfaring på framsida",
        slug="ny-erfaring-pa-framsida",
        language="nb",
        summary="Kort.",
    )
    index.add_child(instance=experience)
    experience.save_revision().publish()
    experiences = section(again(client, HOME), "home-experiences")
    assert experiences.index("Ny erfaring på framsida") < len(experiences) // 2  # the newest first


def test_a_region_renamed_shows_on_the_home_page(client, demo_content):
    assert "Ålesundregionen" in section(stored(client, HOME), "home-regions")
    region = Region.objects.get(slug="alesundregionen")
    region.name = "Storregion Sunnmøre"
    region.save()
    regions = section(again(client, HOME), "home-regions")
    assert "Storregion Sunnmøre" in regions and "Ålesundregionen" not in regions


# -- what is never stored ---------------------------------------------------------------------


def test_a_signed_in_editor_gets_private_answers_and_never_a_stored_copy(
    client, demo_content, django_user_model
):
    stored(client, "/samlinger/")
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("redaktor", "r@example.org"))
    response = get(editor, "/samlinger/")  # not the copy stored for the public
    assert "private" in response["Cache-Control"]
    assert "X-Byregion-Cache" not in response
    assert get(client, "/samlinger/")["X-Byregion-Cache"] == "hit"  # undisturbed

    # What an editor is answered first is not stored for anyone.
    url = page_url(publish_gathering("Berre redaktøren har sett henne"))
    for _ in range(2):
        response = get(editor, url)
        assert "private" in response["Cache-Control"] and "X-Byregion-Cache" not in response
    assert get(client, url)["X-Byregion-Cache"] == "miss"


def test_a_personal_registration_page_is_never_stored(client, applicant):
    gathering = publish_gathering("Samling med personleg side")
    person = register(gathering, applicant(name="Privat Person"))
    for _ in range(2):
        response = get(client, person.get_personal_url())
        assert response["X-Byregion-Cache"] == "pass"
        assert "no-store" in response["Cache-Control"]
        assert "Privat Person" in response.content.decode()


def test_a_post_is_never_stored_nor_answered_from_the_cache(client, applicant):
    gathering = publish_gathering("Samling for skjemaet")
    url = reverse("registrations:register", args=[gathering.slug])
    response = client.post(url, {"name": ""})
    assert response.status_code == 400
    assert "X-Byregion-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert get(client, url)["X-Byregion-Cache"] == "miss"  # the POST stored nothing


@pytest.mark.urls("tests.site.cookie_urls")
def test_an_answer_that_sets_a_cookie_is_never_stored(client, demo_content):
    for _ in range(2):
        response = get(client, "/kake/")
        assert response["X-Byregion-Cache"] == "pass"
        assert response.cookies["kake"].value == "berre-din"
        assert "no-store" in response["Cache-Control"]


SECRET = "Konferansefestivalen har sett Ålesundregionen på kartet."


def test_a_page_behind_a_password_is_never_served_from_the_cache(client, demo_content):
    experience = ExperiencePage.objects.get(slug="the-north-west")
    url = "/erfaringer/the-north-west/"
    assert SECRET in text(stored(client, url))
    restriction = PageViewRestriction.objects.create(
        page=experience, restriction_type=PageViewRestriction.PASSWORD, password="hemmeleg"
    )
    for _ in range(2):
        response = get(client, url)
        assert response["X-Byregion-Cache"] != "hit"
        assert 'name="password"' in response.content.decode()
        assert SECRET not in text(response)

    insider = Client()
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, experience.pk])
    insider.post(action, {"password": "hemmeleg", "return_url": url})
    inside = get(insider, url)
    assert SECRET in text(inside)
    assert "private" in inside["Cache-Control"]
    outside = get(client, url)
    assert SECRET not in text(outside)
    assert outside["X-Byregion-Cache"] != "hit"


def test_a_password_on_a_parent_page_reaches_the_pages_below_it_at_once(client, demo_media):
    stored(client, ARTICLE)
    assert LEAD in text(stored(client, "/nyheter/"))
    PageViewRestriction.objects.create(
        page=Page.objects.get(url_path="/home/nyheter/"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="hemmeleg",
    )
    for url in (ARTICLE, "/nyheter/"):
        response = get(client, url)
        assert response["X-Byregion-Cache"] != "hit", url
        assert 'name="password"' in response.content.decode(), url
        assert LEAD not in text(response), url
    assert LEAD not in text(again(client, "/"))  # the home page's latest news


# -- headers of stored answers ------------------------------------------------------------------


def test_head_is_answered_from_a_stored_get_and_a_get_from_a_stored_head(client, demo_content):
    page = stored(client, "/samlinger/")
    head = client.head("/samlinger/")
    assert head.status_code == 200 and head["X-Byregion-Cache"] == "hit"
    assert head["ETag"] == page["ETag"] and head["Content-Type"] == page["Content-Type"]

    first = client.head("/regioner/")
    assert first["X-Byregion-Cache"] == "miss"
    full = get(client, "/regioner/")
    assert full["X-Byregion-Cache"] == "hit"
    assert "Ålesundregionen" in text(full)


def test_if_none_match_gets_304_until_the_page_changes(client, demo_content):
    page = stored(client, ORGANISATION)
    etag = page["ETag"]
    not_modified = client.get(ORGANISATION, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not not_modified.content
    organisation = Organisation.objects.get(slug="alesund-kommune")
    organisation.description = "Ein ny omtale av kommunen."
    organisation.save()
    changed = client.get(ORGANISATION, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Ein ny omtale av kommunen." in text(changed)


PAGES = ("/", "/samlinger/", "/nn/samlinger/", ORGANISATION, "/nn" + ORGANISATION)


def test_anonymous_answers_do_not_vary_on_cookies_and_the_api_varies_on_language(
    client, demo_content
):
    for url in PAGES:
        for response in (get(client, url), get(client, url)):  # rendered, then stored
            assert "cookie" not in response.get("Vary", "").lower(), url
    for _ in range(2):
        api = get(client, "/api/municipalities/1508")
        assert "accept-language" in api["Vary"].lower() and "cookie" not in api["Vary"].lower()


def test_pages_do_not_vary_on_accept_language(client, demo_content):
    """A page's language is in its address; only the API answers in Accept-Language's."""
    for url in PAGES:
        for response in (get(client, url), get(client, url)):  # rendered, then stored
            assert "accept-language" not in response.get("Vary", "").lower(), url


def test_a_stored_answer_carries_the_same_protective_headers_as_a_rendered_one(
    client, demo_content
):
    """The headers middleware adds after the view (framing, content type sniffing, referrer,
    opener) are on a hit as on the miss that stored it."""
    for url in ("/", ORGANISATION, "/api/municipalities/1508"):
        rendered, kept = get(client, url), get(client, url)
        assert (rendered["X-Byregion-Cache"], kept["X-Byregion-Cache"]) == ("miss", "hit")
        for header in (
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
        ):
            assert rendered.get(header), (url, header)
            assert kept.get(header) == rendered[header], (url, header)
