"""The site header on a phone: the menu and the search box behind a button each, so the page's
own content starts near the top (issue 16, item 11); on a desktop, as before; without
JavaScript, everything open.

The buttons follow the disclosure pattern (WAI-ARIA APG, "Disclosure Navigation Menu"):
a real <button> with aria-expanded and aria-controls; Enter or Space toggles it, Escape
closes it and puts focus back on it.
"""

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser

# The phone's first screen: the page's own content starts within this many pixels.
CONTENT_TOP = 120


def _main_top(page) -> float:
    return page.evaluate("document.querySelector('main').getBoundingClientRect().top")


def _menu_button(page):
    return page.locator("header button[aria-controls='site-menu']")


def _search_box(page):
    # By its id: once focused, the suggestions' listbox is labelled "Search for" too.
    return page.locator("#site-search-q")


def _search_button(page):
    return page.locator("header button[aria-controls='site-search']")


def test_on_a_phone_the_menu_is_behind_a_button_and_the_content_starts_near_the_top(page):
    page.set_viewport_size(MOBILE)
    page.goto("/")
    assert _main_top(page) <= CONTENT_TOP
    menu_button = _menu_button(page)
    assert menu_button.is_visible()
    assert menu_button.inner_text().strip() == "Meny"
    assert menu_button.get_attribute("aria-expanded") == "false"
    menu = page.locator("#site-menu")
    assert not menu.is_visible()
    assert not page.locator(".byr-nav a[href='/regioner/']").is_visible()
    check_axe(page)
    save_screenshot(page, "header-phone-closed", full_page=False)

    menu_button.click()
    assert menu_button.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    navigation = page.get_by_role("navigation", name="Hovedmeny")
    assert navigation.get_by_role("link", name="Regioner", exact=True).is_visible()
    assert page.get_by_role("navigation", name="Velg språk").is_visible()
    check_axe(page)
    save_screenshot(page, "header-phone-open", full_page=False)

    navigation.get_by_role("link", name="Regioner", exact=True).click()
    page.wait_for_url("**/regioner/")
    # A new page starts with the menu closed.
    assert _menu_button(page).get_attribute("aria-expanded") == "false"
    assert _main_top(page) <= CONTENT_TOP


def test_the_menu_opens_and_closes_by_keyboard(page):
    page.set_viewport_size(MOBILE)
    page.goto("/nn/")
    menu_button = _menu_button(page)
    menu_button.focus()
    page.keyboard.press("Enter")
    assert menu_button.get_attribute("aria-expanded") == "true"
    # The menu follows its button: the next Tab goes into it, and every link is reachable.
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('#site-menu') !== null"):
            break
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert {"Nynorsk", "English", "Forside", "Regionar", "Kommunar"} <= set(reached), reached

    page.keyboard.press("Shift+Tab")  # back into the menu
    page.keyboard.press("Escape")
    assert menu_button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "site-menu"
    assert not page.locator("#site-menu").is_visible()

    page.keyboard.press(" ")
    assert menu_button.get_attribute("aria-expanded") == "true"
    page.keyboard.press(" ")
    assert menu_button.get_attribute("aria-expanded") == "false"


def test_search_is_one_tap_away_on_a_phone(page):
    page.set_viewport_size(MOBILE)
    page.goto("/en/")
    search_button = _search_button(page)
    assert search_button.is_visible()
    assert search_button.get_attribute("aria-expanded") == "false"
    assert not _search_box(page).is_visible()

    search_button.click()
    assert search_button.get_attribute("aria-expanded") == "true"
    # Focus goes straight to the box, so the phone's keyboard comes up.
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    check_axe(page)
    save_screenshot(page, "header-phone-search", full_page=False)
    page.keyboard.press("Escape")
    assert search_button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "site-search"

    # Opening one closes the other.
    search_button.click()
    _menu_button(page).click()
    assert search_button.get_attribute("aria-expanded") == "false"
    assert not _search_box(page).is_visible()

    _menu_button(page).click()
    search_button.click()
    _search_box(page).fill("samling")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/sok/?q=samling")
    # The search page has its own box: the header offers only the menu.
    assert _search_button(page).count() == 0
    assert _menu_button(page).is_visible()
    check_axe(page)


def test_without_javascript_the_phone_header_shows_everything(chromium, live_server, home_page):
    context = chromium.new_context(
        base_url=live_server.url, viewport=MOBILE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/")
        assert not _menu_button(page).is_visible()
        assert not _search_button(page).is_visible()
        assert (
            page.get_by_role("navigation", name="Hovedmeny")
            .get_by_role("link", name="Kommuner")
            .is_visible()
        )
        assert page.get_by_label("Søk etter").is_visible()
        assert page.get_by_role("link", name="Nynorsk").is_visible()
        save_screenshot(page, "header-phone-no-script", full_page=False)
    finally:
        context.close()


def test_on_a_desktop_the_header_is_one_row_and_the_menu_below(page):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert not _menu_button(page).is_visible()
    assert not _search_button(page).is_visible()

    def box(locator):
        return locator.bounding_box()

    name = box(page.locator(".byr-header__name"))
    search = box(page.locator("header form[role=search]"))
    languages = box(page.get_by_role("navigation", name="Velg språk"))
    navigation = box(page.get_by_role("navigation", name="Hovedmeny"))
    middle = name["y"] + name["height"] / 2
    # Name, search box and languages side by side, in that order; the menu on a row below.
    for other in (search, languages):
        assert abs(other["y"] + other["height"] / 2 - middle) < 4
    assert name["x"] < search["x"] < languages["x"]
    assert navigation["y"] >= name["y"] + name["height"]
    assert page.get_by_role("link", name="Kommuner").is_visible()
    assert 110 <= _main_top(page) <= 140  # as before the phone's menu (129 px)
    check_axe(page)
