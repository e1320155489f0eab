"""Suggestions while typing in the header's search box (issue 17, item 4), in a real
browser: an accessible combobox (Designsystemet's u-datalist), keyboard and pointer, and
the plain form underneath it."""

import re

import pytest

from tests.browser.conftest import MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser


def _box(page):
    return page.locator("#site-search-q")


def _type(page, text):
    box = _box(page)
    box.click()
    box.press_sequentially(text, delay=30)
    page.locator("#site-search-q-suggestions u-option").first.wait_for()


def test_typing_suggests_titles_and_the_keyboard_opens_one(page, live_demo_content):
    page.goto("/")
    _type(page, "åles")
    box = _box(page)
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "site-search-q-suggestions"
    options = page.get_by_role("option")
    texts = options.all_inner_texts()
    assert any(text.startswith("Ålesund kommune") for text in texts), texts
    assert len(texts) <= 8
    check_axe(page)
    save_screenshot(page, "search-suggestions", full_page=False)

    box.press("ArrowDown")
    first = options.first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    href = first.get_attribute("data-href")
    box.press("Enter")
    page.wait_for_url(f"**{href}")
    assert page.url.endswith(href)


def test_without_the_norwegian_letters_and_by_pointer(page, live_demo_content):
    page.goto("/nn/")
    _type(page, "more og roms")
    option = page.get_by_role("option", name=re.compile("Møre og Romsdal")).first
    assert option.is_visible()
    assert "Organisasjon" in option.inner_text() or "Region" in option.inner_text()
    href = option.get_attribute("data-href")
    assert href.startswith("/nn/")
    option.click()
    page.wait_for_url(f"**{href}")


def test_enter_with_no_option_chosen_searches(page, live_demo_content):
    page.goto("/")
    _type(page, "samling")
    _box(page).press("Escape")
    assert _box(page).get_attribute("aria-expanded") == "false"
    _box(page).press("Enter")
    page.wait_for_url("**/sok/?q=samling")


def test_on_a_phone_the_list_fits_under_the_box(page, live_demo_content):
    page.set_viewport_size(MOBILE)
    page.goto("/")
    page.locator("header button[aria-controls='site-search']").click()
    _type(page, "region")
    listbox = page.locator("#site-search-q-suggestions")
    box = listbox.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    check_axe(page)
    save_screenshot(page, "search-suggestions-phone", full_page=False)


def test_the_search_pages_own_box_suggests_too(page, live_demo_content):
    page.goto("/sok/?q=samling")
    box = page.locator("#id_q")
    box.fill("")
    box.press_sequentially("molde", delay=30)
    page.locator("#id_q-suggestions u-option").first.wait_for()
    assert box.get_attribute("aria-controls") == "id_q-suggestions"
    assert "Molde kommune" in " ".join(page.get_by_role("option").all_inner_texts())
    check_axe(page)
    save_screenshot(page, "search-page-suggestions", full_page=False)
