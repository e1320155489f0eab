"""Every kind of public page renders in at most five queries, with one item or a hundred
(issue 12, item 5), outside the page cache (`uncached`).

What makes it possible (docs/developers/caching.md, "Five queries a page"): the site, the
route to a Wagtail page, its view restrictions, the header and footer (the operator's
contact block) and the filters' choices come from the cache, kept with
`pagecache.remember()` until the content changes; a Wagtail page is read in one query with
what it shows joined (`serve_select_related`); every list is one query, joined or
prefetched, however long.

Each test builds its data (generated here), makes one request to fill the caches (the
first request after a change fills them again: a change starts a new generation), then
counts the second. Each also checks that the page shows its last item, so a list that
went missing cannot pass for a cheap one.
"""

import datetime as dt
import io
from datetime import time

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import Site

from byregion.gatherings.models import GatheringStatus, Material, MaterialKind, Speaker
from byregion.images.models import CreditedImage
from byregion.knowledge.models import ExperienceIndexPage, ExperiencePage
from byregion.networks.models import (
    Council,
    CouncilMember,
    Meeting,
    Membership,
    Programme,
    ProgrammeRegion,
    Region,
    Sector,
)
from byregion.news.models import NewsArticlePage
from byregion.organisations.hours import monday_of
from byregion.organisations.models import (
    HoursException,
    OpeningHours,
    Organisation,
    OrganisationKind,
    SwitchboardHours,
    norwegian_slug,
)
from byregion.places.models import Place, PlaceKind
from byregion.site.models import SiteChrome, StandardPage
from byregion.themes.models import Theme
from tests.gatherings.conftest import make_gathering, make_index, make_session
from tests.news.conftest import NewsTree
from tests.pages import home_page

pytestmark = pytest.mark.django_db

BUDGET = 5
SIZES = [1, 100]


# -- generated content ----------------------------------------------------------------------


def organisation(name: str, **fields) -> Organisation:
    fields.setdefault("kind", OrganisationKind.MUNICIPALITY)
    return Organisation.objects.create(name=name, slug=norwegian_slug(name), **fields)


def themes(n: int) -> list[Theme]:
    return [
        Theme.objects.create(
            slug=f"tema-{i}", name_nb=f"Tema {i}", name_nn=f"Tema {i}", name_en=f"Theme {i}"
        )
        for i in range(n)
    ]


def regions(n: int) -> list[Region]:
    return [Region.objects.create(name=f"Region {i}", slug=f"region-{i}") for i in range(n)]


def municipalities(n: int) -> list[Place]:
    return [
        Place.objects.create(
            kind=PlaceKind.MUNICIPALITY,
            code=f"{1500 + i}",
            name=f"Kommune {i}",
            names={"nb": f"Kommune {i}"},
            valid_from=dt.date(2020, 1, 1),
        )
        for i in range(n)
    ]


def image(title: str) -> CreditedImage:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (90, 120, 150)).save(buffer, format="JPEG")
    made = CreditedImage(title=title, credit="Foto: Generert", description=title)
    made.file = ImageFile(io.BytesIO(buffer.getvalue()), name="bilde.jpg")
    made.save()
    return made


def programme() -> Programme:
    owner = organisation("Departementet", kind=OrganisationKind.MINISTRY)
    return Programme.objects.create(
        name="Byregionprogrammet",
        slug="byregionprogrammet",
        owner=owner,
        operator=owner,
        start=dt.date(2014, 1, 1),
    )


def experience_index() -> ExperienceIndexPage:
    index = home_page().add_child(
        instance=ExperienceIndexPage(title="Erfaringer", slug="erfaringer", language="nb")
    )
    index.save_revision().publish()
    return index


def experience(index, i: int, **related) -> ExperiencePage:
    page = index.add_child(
        instance=ExperiencePage(
            title=f"Erfaring {i}", slug=f"erfaring-{i}", language="nb", summary=f"Om {i}."
        )
    )
    for name, rows in related.items():
        getattr(page, name).set(rows)
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def chrome(db):
    """A footer with all it can show: the operator's contact block (hours, this week's
    exception) and the privacy statement."""
    operator = organisation(
        "Distriktssenteret", kind=OrganisationKind.DIRECTORATE, phone="70 16 20 00"
    )
    SwitchboardHours.objects.bulk_create(
        SwitchboardHours(organisation=operator, weekday=d, opens=time(8), closes=time(15))
        for d in range(5)
    )
    OpeningHours.objects.create(organisation=operator, weekday=0, opens=time(9), closes=time(14))
    HoursException.objects.create(
        organisation=operator, date=monday_of(timezone.localdate()), label="Fridag", closed=True
    )
    privacy = StandardPage.objects.filter(slug="personvern").first()  # migration 0004's
    if privacy is None:
        privacy = home_page().add_child(
            instance=StandardPage(title="Personvern", slug="personvern")
        )
    privacy.save_revision().publish()
    setting = SiteChrome.for_site(Site.objects.get(is_default_site=True))
    setting.operator, setting.privacy_page = operator, privacy
    setting.save()
    return setting


# -- the pages, each built with n items: (its address, what it shows of the last item) --------


def article_page(n: int):
    news = NewsTree()
    gatherings = make_index()
    related = [make_gathering(gatherings, f"samling-{i}", title=f"Samling {i}") for i in range(n)]
    article = news.article(
        title="Artikkelen", themes=themes(n), regions=regions(n), main_image=image("Hovudbilete")
    )
    article.gatherings.set(related)
    article.save_revision().publish()
    return article.url, [f"Tema {n - 1}", f"Region {n - 1}", f"Samling {n - 1}"]


def home(n: int):
    """The home page shows the next three gatherings with each one's registration line, the
    newest news and experiences, and every region and theme."""
    news = NewsTree()
    for i in range(n):
        organisation(f"Organisasjon {i}")
    for i in range(n):
        news.article(title=f"Nyheit {i}")
    themes(n)
    regions(n)
    gatherings = make_index()
    soon = timezone.now() + dt.timedelta(days=1)
    for i in range(n):
        make_gathering(
            gatherings,
            f"samling-{i}",
            title=f"Samling {i}",
            start=soon + dt.timedelta(days=i),
            end=soon + dt.timedelta(days=i, hours=6),
            status=GatheringStatus.OPEN,
            capacity=50,
        )
    index = experience_index()
    for i in range(n):
        experience(index, i)
    return "/", [
        f"Nyheit {n - 1}",
        f"Tema {n - 1}",
        f"Region {n - 1}",
        f"Samling {min(n, 3) - 1}",
        "50 ledige plasser av 50.",
        f"Erfaring {n - 1}",
    ]


def news_index(n: int):
    news = NewsTree()
    shown_themes, shown_regions = themes(n), regions(n)
    for i in range(n):
        news.article(
            title=f"Nyheit {i}",
            main_image=image(f"Bilete {i}"),
            themes=[shown_themes[i]],
            regions=[shown_regions[i]],
        )
    # The newest first; the filters offer every theme and region.
    return "/nyheter/", [f"Nyheit {n - 1}", f"Tema {n - 1}", f"Region {n - 1}"]


def gathering(n: int):
    hosts = [organisation(f"Vertskap {i}") for i in range(n)]
    page = make_gathering(
        make_index(),
        "samlinga",
        title="Samlinga",
        host_region=Region.objects.create(name="Vertsregionen", slug="vertsregionen"),
        host_organisations=hosts,
        organiser=organisation("Arrangøren"),
        programme=programme(),
        capacity=100,
    )
    start = timezone.make_aware(dt.datetime(2027, 4, 14, 9))
    for i in range(n):
        make_session(page, f"Økt {i}", start, start + dt.timedelta(hours=1))
    return page.url, [f"Vertskap {n - 1}", "Vertsregionen", "Arrangøren", "Byregionprogrammet"]


def gathering_programme(n: int):
    page = make_gathering(make_index(), "samlinga", title="Samlinga")
    start = timezone.make_aware(dt.datetime(2027, 4, 14, 9))
    for i in range(n):
        session = make_session(
            page, f"Økt {i}", start + dt.timedelta(minutes=i), start + dt.timedelta(hours=2)
        )
        Speaker.objects.create(
            session=session, name=f"Talar {i}", organisation=organisation(f"Org {i}")
        )
        Material.objects.create(
            session=session, title=f"Lysark {i}", kind=MaterialKind.LINK, url="https://example.org/"
        )
    return page.url + "program/", [f"Talar {n - 1}", f"Lysark {n - 1}", f"Org {n - 1}"]


def programme_page(n: int):
    owned = programme()
    places = municipalities(n)
    for i, region in enumerate(regions(n)):
        ProgrammeRegion.objects.create(programme=owned, region=region, joined=dt.date(2014, 1, 1))
        Membership.objects.create(
            region=region, municipality=places[i], valid_from=dt.date(2020, 1, 1)
        )
    return reverse("networks:programme", args=[owned.slug]), [f"Region {n - 1}"]


def region_page(n: int):
    region = Region.objects.create(name="Regionen", slug="regionen")
    ProgrammeRegion.objects.create(programme=programme(), region=region, joined=dt.date(2014, 1, 1))
    for place in municipalities(n):
        Membership.objects.create(region=region, municipality=place, valid_from=dt.date(2020, 1, 1))
    council = Council.objects.create(region=region, name="Rådet", slug="radet")
    now = timezone.now()
    for i in range(n):  # every other one past
        Meeting.objects.create(
            council=council, title=f"Møte {i}", start=now + dt.timedelta(days=(-1) ** i * (i + 1))
        )
    gatherings = make_index()
    for i in range(n):
        make_gathering(gatherings, f"samling-{i}", title=f"Samling {i}", host_region=region)
    news = NewsTree()
    for i in range(n):
        news.article(title=f"Nyheit {i}", regions=[region])
    return region.get_absolute_url(), [
        f"Kommune {n - 1}",
        "Rådet",
        f"Samling {n - 1}",
        f"Nyheit {n - 1}",
    ]


def council_page(n: int):
    region = Region.objects.create(name="Regionen", slug="regionen")
    council = Council.objects.create(region=region, name="Rådet", slug="radet")
    sectors = list(Sector.objects.all())
    for i in range(n):
        CouncilMember.objects.create(
            council=council,
            position=f"Posisjon {i}",
            organisation=organisation(f"Org {i}"),
            sector=sectors[i % len(sectors)],
        )
    now = timezone.now()
    for i in range(n):
        Meeting.objects.create(
            council=council, title=f"Møte {i}", start=now + dt.timedelta(days=(-1) ** i * (i + 1))
        )
    return council.get_absolute_url(), [f"Posisjon {n - 1}", f"Org {n - 1}"]


def experiences(n: int):
    index = experience_index()
    shown_themes, shown_regions = themes(n), regions(n)
    for i in range(n):
        experience(index, i, themes=[shown_themes[i]], regions=[shown_regions[i]])
    # The newest first, twenty a page; the filters offer every theme and region.
    return index.url, [f"Erfaring {n - 1}", f"Tema {n - 1}", f"Region {n - 1}"]


def organisation_page(n: int):
    """Items here: the organisation's exceptions to its hours (the week's shown)."""
    shown = organisation("Kommunen", phone="70 00 00 00", email="post@example.org")
    OpeningHours.objects.bulk_create(
        OpeningHours(organisation=shown, weekday=d, opens=time(9), closes=time(15))
        for d in range(7)
    )
    SwitchboardHours.objects.bulk_create(
        SwitchboardHours(organisation=shown, weekday=d, opens=time(8), closes=time(16))
        for d in range(5)
    )
    monday = monday_of(timezone.localdate())
    HoursException.objects.bulk_create(
        HoursException(
            organisation=shown, date=monday + dt.timedelta(days=i), label=f"Unntak {i}", closed=True
        )
        for i in range(n)
    )
    return shown.get_absolute_url(), [f"Unntak {min(n, 7) - 1}"]


def theme_page(n: int):
    (theme,) = themes(1)
    news = NewsTree()
    for i in range(n):
        news.article(title=f"Nyheit {i}", themes=[theme])
    page = make_gathering(make_index(), "samlinga", title="Samlinga")
    start = timezone.make_aware(dt.datetime(2027, 4, 14, 9))
    index = experience_index()
    for i in range(n):
        session = make_session(page, f"Økt {i}", start, start + dt.timedelta(hours=1))
        Material.objects.create(
            session=session, title=f"Lysark {i}", kind=MaterialKind.LINK, url="https://example.org/"
        )
        experience(index, i, themes=[theme], sessions=[session])
    # Each section lists twenty: the newest articles and experiences, the sessions by title.
    return reverse("themes:theme", args=[theme.slug]), [
        f"Nyheit {n - 1}",
        f"Erfaring {n - 1}",
        "Økt 0",
        "Lysark 0",
    ]


PAGES = {
    "article": article_page,
    "home": home,
    "news index": news_index,
    "gathering": gathering,
    "gathering programme": gathering_programme,
    "programme": programme_page,
    "region": region_page,
    "council": council_page,
    "experiences": experiences,
    "organisation": organisation_page,
    "theme": theme_page,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", PAGES)
def test_a_page_costs_at_most_five_queries(
    client, uncached, django_assert_max_num_queries, kind, size
):
    url, shown = PAGES[kind](size)
    assert client.get(url).status_code == 200  # fills the caches

    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in [*shown, "Distriktssenteret", "Fridag", 'href="/personvern/"']:
        assert text in html, (url, text)


def test_what_is_kept_follows_a_change_at_once(client, uncached):
    """The route and the header and footer are kept until the content changes."""
    url, _shown = article_page(1)
    client.get(url)
    operator = Organisation.objects.get(name="Distriktssenteret")
    operator.name = "Operatøren med nytt namn"
    operator.save()
    assert "Operatøren med nytt namn" in client.get(url).content.decode()
    NewsArticlePage.objects.get(title="Artikkelen").unpublish()
    assert client.get(url).status_code == 404
