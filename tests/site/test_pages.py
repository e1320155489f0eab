# ruff: noqa: RUF001 (the en dash between a page's title and the site's is what is checked)
"""The site's chrome and own pages, as a visitor gets them: languages, header, footer, errors."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.models import Site

from byregion.organisations.models import Organisation, OrganisationKind, norwegian_slug
from byregion.site.models import SiteChrome, StandardPage

from .conftest import parse

# (URL prefix, <html lang>, skip link, language menu's name, 404 heading)
LANGUAGES = [
    ("", "nb", "Hopp til hovedinnholdet", "Velg språk", "Fant ikke siden"),
    ("/nn", "nn", "Hopp til hovudinnhaldet", "Vel språk", "Fann ikkje sida"),
    ("/en", "en", "Skip to main content", "Choose language", "Page not found"),
]


def chrome() -> SiteChrome:
    return SiteChrome.for_site(Site.objects.get(is_default_site=True))


def language_menu(soup, name):
    return soup.find("nav", attrs={"aria-label": name})


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang", "skip_link", "menu", "_404"), LANGUAGES)
def test_home_page_is_in_the_language_of_its_address(client, prefix, lang, skip_link, menu, _404):
    response = client.get(f"{prefix}/")

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == lang
    first_link = soup.body.find("a")
    assert first_link["class"] == ["ds-skiplink"]
    assert first_link["href"] == "#main"
    assert first_link.get_text(strip=True) == skip_link
    assert soup.find("main", id="main")["lang"] == lang
    assert language_menu(soup, menu) is not None
    assert soup.title.get_text(strip=True) == "Byregion"


@pytest.mark.django_db
def test_the_language_menu_links_to_this_page_in_each_language(client):
    response = client.get("/nn/personvern/")

    links = language_menu(parse(response), "Vel språk").find_all("a")
    assert [(a["href"], a["lang"], a["hreflang"], a.get_text()) for a in links] == [
        ("/personvern/", "nb", "nb", "Bokmål"),
        ("/nn/personvern/", "nn", "nn", "Nynorsk"),
        ("/en/personvern/", "en", "en", "English"),
    ]
    assert [a.get("aria-current") for a in links] == [None, "true", None]


@pytest.mark.django_db
def test_the_language_menu_keeps_the_query(client):
    response = client.get("/organisasjoner/?kind=ministry")

    hrefs = [a["href"] for a in language_menu(parse(response), "Velg språk").find_all("a")]
    assert hrefs == [
        "/organisasjoner/?kind=ministry",
        "/nn/organisasjoner/?kind=ministry",
        "/en/organisasjoner/?kind=ministry",
    ]


@pytest.mark.django_db
def test_the_language_comes_from_the_address_only(client):
    """No cookie or browser preference changes the language of an address (cacheable pages)."""
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert parse(response).html["lang"] == "nb"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/", "/personvern/", "/finnes-ikke/"])
def test_anonymous_visitors_get_no_cookies(client, path):
    response = client.get(path)

    assert response.status_code in {200, 404}
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", {"Forside": "page"}),
        ("/organisasjoner/", {"Organisasjoner": "page"}),
        ("/nn/organisasjoner/", {"Organisasjonar": "page"}),
        ("/personvern/", {}),
    ],
)
def test_the_main_menu_marks_where_the_visitor_is(client, path, current):
    response = client.get(path)

    soup = parse(response)
    menu = soup.find("nav", attrs={"aria-label": ["Hovedmeny", "Hovudmeny"]})
    marked = {a.get_text(strip=True): a["aria-current"] for a in menu.select("a[aria-current]")}
    assert marked == current


@pytest.mark.django_db
def test_a_section_is_current_on_the_pages_below_it(client):
    organisation = Organisation.objects.create(
        name="Giske kommune", slug="giske-kommune", kind=OrganisationKind.MUNICIPALITY
    )
    response = client.get(organisation.get_absolute_url())

    menu = parse(response).find("nav", attrs={"aria-label": "Hovedmeny"})
    assert menu.find("a", attrs={"aria-current": "true"}).get_text() == "Organisasjoner"


@pytest.mark.django_db
def test_home_page_shows_some_organisations_and_leads_to_the_directory(
    client, django_assert_max_num_queries, uncached
):
    for name, kind in [
        ("Giske kommune", OrganisationKind.MUNICIPALITY),
        ("Sula kommune", OrganisationKind.MUNICIPALITY),
        ("Møre og Romsdal fylkeskommune", OrganisationKind.COUNTY_COUNCIL),
    ]:
        Organisation.objects.create(name=name, slug=norwegian_slug(name), kind=kind)
    site_chrome = chrome()
    site_chrome.operator = Organisation.objects.get(name="Sula kommune")
    site_chrome.save()

    # The home page (1), the next gatherings and their registration counts (2); the same for
    # any number of them. The site, the route, the header and footer (the operator's contact
    # block) and the home page's lists that change only with the content (organisations,
    # news, experiences, regions, themes: site.home) are kept in the cache from the first
    # request on, in any language.
    client.get("/")
    with django_assert_max_num_queries(5):
        response = client.get("/en/")

    themes = parse(response).find("section", attrs={"aria-labelledby": "home-themes"})
    links = [a["href"] for a in themes.select("a")]
    assert "/en/tema/stadutvikling/" in links and links[-1] == "/en/tema/"

    section = parse(response).find("section", attrs={"aria-labelledby": "home-organisations"})
    cards = [(a["href"], a.h3.get_text()) for a in section.select("a.ds-card")]
    assert cards == [
        ("/en/organisasjoner/giske-kommune/", "Giske kommune"),
        ("/en/organisasjoner/more-og-romsdal-fylkeskommune/", "Møre og Romsdal fylkeskommune"),
        ("/en/organisasjoner/sula-kommune/", "Sula kommune"),
    ]
    kinds = [(a["href"], a.get_text()) for a in section.select(".byr-kinds a")]
    assert kinds == [
        ("/en/organisasjoner/?kind=municipality", "Municipality (2)"),
        ("/en/organisasjoner/?kind=county_council", "County council (1)"),
    ]
    assert section.find("a", href="/en/organisasjoner/").get_text() == "All organisations"


@pytest.mark.django_db
def test_privacy_statement_is_published_in_bokmal_and_linked_from_every_page(client):
    home = parse(client.get("/en/"))
    link = home.find("footer").find("a", string="Privacy statement")
    assert link["href"] == "/en/personvern/"

    response = client.get(link["href"])

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "en"  # the interface
    assert soup.main["lang"] == "nb"  # the text
    assert soup.h1.get_text() == "Personvernerklæring"
    assert soup.title.get_text() == "Personvernerklæring – Byregion"
    headings = [h.get_text() for h in soup.main.find_all("h2")]
    assert headings[:2] == ["Kort fortalt", "Behandlingsansvarlig"]
    assert "Dine rettigheter" in headings
    assert "Vi sporer ikke besøkende." in soup.main.get_text()


@pytest.mark.django_db
def test_an_unpublished_privacy_statement_is_not_linked(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    StandardPage.objects.get(slug="personvern").unpublish()

    footer = parse(client.get("/")).find("footer")

    assert footer.find("a", string="Personvernerklæring") is None
    # The section stays for the one link every site has: subscribing by e-mail.
    section = footer.find("section", attrs={"aria-labelledby": "footer-about-heading"})
    assert [a.get_text() for a in section.find_all("a")] == ["Abonner på e-post"]


@pytest.mark.django_db
def test_accessibility_statement_link_comes_from_settings_or_the_site_setting(client, settings):
    def footer_link():
        footer = parse(client.get("/")).find("footer")
        link = footer.find("a", string="Tilgjengelighetserklæring")
        return link and link["href"]

    settings.ACCESSIBILITY_STATEMENT_URL = ""
    assert footer_link() is None

    settings.ACCESSIBILITY_STATEMENT_URL = "https://uustatus.no/nb/erklaringer/publisert/1"
    assert footer_link() == "https://uustatus.no/nb/erklaringer/publisert/1"

    site_chrome = chrome()
    site_chrome.accessibility_statement_url = "https://uustatus.no/nb/erklaringer/publisert/2"
    site_chrome.save()
    assert footer_link() == "https://uustatus.no/nb/erklaringer/publisert/2"


@pytest.mark.django_db
def test_footer_shows_how_to_reach_the_operator(client):
    assert parse(client.get("/")).find("footer").find("dl") is None

    operator = Organisation.objects.create(
        name="Distriktssenteret",
        slug="distriktssenteret",
        kind=OrganisationKind.DIRECTORATE,
        phone="12345678",
        email="post@example.org",
        postal_street="Postboks 1",
        postal_postcode="7801",
        postal_town="Namsos",
    )
    site_chrome = chrome()
    site_chrome.operator = operator
    site_chrome.save()

    footer = parse(client.get("/nn/")).find("footer")

    section = footer.find("section", attrs={"aria-labelledby": "footer-operator-heading"})
    assert section.h2.get_text() == "Distriktssenteret"
    text = " ".join(section.get_text(" ").split())
    assert "12 34 56 78" in text
    assert "post@example.org" in text
    assert "Postboks 1 7801 Namsos" in text
    assert footer.find("a", href="mailto:post@example.org") is not None


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang", "skip_link", "menu", "heading"), LANGUAGES)
def test_not_found_page_is_in_the_site_design_and_language(
    client, prefix, lang, skip_link, menu, heading
):
    response = client.get(f"{prefix}/finnes-ikke/")

    assert response.status_code == 404
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text() == heading
    assert soup.find("a", class_="ds-skiplink").get_text() == skip_link
    assert language_menu(soup, menu) is not None  # the whole chrome, not a bare page
    assert soup.find("footer") is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/feil/", "nb", "Noe gikk galt"), ("/en/feil/", "en", "Something went wrong")],
)
def test_server_error_page_is_plain_translated_and_queries_nothing(
    client, settings, django_assert_num_queries, path, lang, heading
):
    settings.ROOT_URLCONF = "tests.site.urls_with_error"
    client.raise_request_exception = False

    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 500
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text() == heading
    assert soup.find("link", rel="stylesheet", href="/static/byregion/site.css") is not None


def test_server_error_page_renders_without_a_database():
    """No django_db mark: any query here fails the test."""
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()


@pytest.mark.django_db
def test_editors_set_the_operator_and_links_in_the_admin(client, django_user_model):
    operator = Organisation.objects.create(
        name="Distriktssenteret", slug="distriktssenteret", kind=OrganisationKind.DIRECTORATE
    )
    privacy = StandardPage.objects.get(slug="personvern")
    site = Site.objects.get(is_default_site=True)
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "x"))
    url = f"/admin/settings/site/sitechrome/{site.pk}/"

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "operator": operator.pk,
            "privacy_page": privacy.pk,
            "accessibility_statement_url": "https://uustatus.no/nb/erklaringer/publisert/3",
        },
    )

    assert response.status_code == 302
    saved = chrome()
    assert (saved.operator, saved.privacy_page.specific, saved.accessibility_statement) == (
        operator,
        privacy,
        "https://uustatus.no/nb/erklaringer/publisert/3",
    )


@pytest.mark.django_db
def test_every_page_names_its_canonical_address_and_its_other_languages(client):
    html = client.get("/nn/kommuner/?date=2017-01-01").content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}/nn/kommuner/">' in html
    for language, prefix in [("nb", ""), ("nn", "/nn"), ("en", "/en")]:
        href = f"{settings.SITE_URL}{prefix}/kommuner/?date=2017-01-01"
        assert f'<link rel="alternate" hreflang="{language}" href="{href}">' in html


@pytest.mark.django_db
def test_every_page_offers_subscribing_by_e_mail_in_the_footer(client):
    footer = parse(client.get("/nn/")).find("footer")
    link = footer.find("a", href="/nn/abonnement/")
    assert link is not None and link.get_text() == "Abonner på e-post"
