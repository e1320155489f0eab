"""The site's chrome in a real browser: design system loaded, accessible, keyboard-usable."""

import pytest

from tests.browser.conftest import MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser

LANGUAGES = [("", "nb"), ("/nn", "nn"), ("/en", "en")]


@pytest.fixture
def privacy_page(home_page):
    from wagtail.models import Site

    from byregion.site.models import SiteChrome, StandardPage

    # The first live-server test of a run still has migration 0004's statement; later ones
    # start from an empty database.
    privacy = StandardPage.objects.filter(slug="personvern").first() or home_page.add_child(
        instance=StandardPage(
            title="Personvernerklæring",
            slug="personvern",
            intro="Slik behandler nettstedet personopplysninger.",
            body="<h2>Kort fortalt</h2><p>Vi sporer ikke besøkende.</p>",
        )
    )
    SiteChrome.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"privacy_page": privacy}
    )
    return privacy


@pytest.mark.parametrize(("prefix", "lang"), LANGUAGES)
def test_home_page_is_accessible_and_styled_in_each_language(page, privacy_page, prefix, lang):
    page.goto(f"{prefix}/")
    assert page.locator("html").get_attribute("lang") == lang
    # The design system's CSS, its script and the self-hosted font really arrived and apply.
    assert "Inter" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate(
        """document.fonts.ready.then(() => [...document.fonts].some(
            (font) => font.family.replaceAll('"', "") === "Inter" && font.status === "loaded"
        ))"""
    )
    skip_link = page.locator(".ds-skiplink")
    assert skip_link.evaluate("(link) => getComputedStyle(link).position") == "absolute"
    assert page.evaluate("customElements.get('ds-field') !== undefined")
    check_axe(page)
    save_screenshot(page, f"home-{lang}-desktop")
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"home-{lang}-mobile")


def test_privacy_and_not_found_pages_are_accessible(page, privacy_page):
    page.goto("/en/personvern/")
    assert page.locator("main").get_attribute("lang") == "nb"
    check_axe(page)
    save_screenshot(page, "privacy-en-desktop")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "privacy-en-mobile")

    response = page.goto("/nn/finst-ikkje/")
    assert response.status == 404
    check_axe(page)
    save_screenshot(page, "not-found-nn-mobile")


def test_language_switcher_leads_to_the_same_page_in_the_chosen_language(page, privacy_page):
    page.goto("/personvern/")
    switcher = page.get_by_role("navigation", name="Velg språk")
    switcher.get_by_role("link", name="Nynorsk").click()
    page.wait_for_url("**/nn/personvern/")
    assert page.locator("html").get_attribute("lang") == "nn"

    page.get_by_role("navigation", name="Vel språk").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/personvern/")
    assert page.locator("html").get_attribute("lang") == "en"
    menu = page.get_by_role("navigation", name="Choose language")
    assert menu.locator("[aria-current]").inner_text() == "English"

    menu.get_by_role("link", name="Bokmål").click()
    page.wait_for_url(lambda url: url.endswith("/personvern/") and "/en/" not in url)
    assert page.locator("html").get_attribute("lang") == "nb"


def test_skip_link_is_first_and_moves_focus_to_the_main_content(page):
    page.goto("/nn/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.inner_text() == "Hopp til hovudinnhaldet"
    assert skip_link.is_visible()
    save_screenshot(page, "skip-link-focused", full_page=False)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(("prefix", "lang"), LANGUAGES)
def test_home_page_with_gatherings_experiences_and_regions_is_accessible(
    page, live_demo_content, prefix, lang
):
    """The home page's sections (issue 16, item 12), with the demo's content: the coming
    gathering with its registration line and button, the experiences, the regions."""
    page.goto(f"{prefix}/")
    gatherings = page.locator("section[aria-labelledby=home-gatherings]")
    assert gatherings.locator(".byr-registration-status").count() >= 1
    assert gatherings.locator(".byr-registration-status a.ds-button").first.is_visible()
    assert page.locator("section[aria-labelledby=home-experiences] .ds-card").count() == 3
    assert page.locator(
        "section[aria-labelledby=home-regions] a[href$='/regioner/alesundregionen/']"
    ).is_visible()
    check_axe(page)
    save_screenshot(page, f"home-sections-{lang}-desktop")
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"home-sections-{lang}-mobile")
