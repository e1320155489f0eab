"""A search counted only up to the cap, in a real browser: the heading says "over", a tab
whose count is a floor shows "+" and tells a screen reader "or more"; axe-core clean."""

import pytest

from tests.browser.conftest import check_axe, save_screenshot

pytestmark = pytest.mark.browser


def test_floors_read_as_floors(page, live_demo_content, monkeypatch):
    from byregion.search import engines

    monkeypatch.setattr(engines, "BROAD", 3)
    monkeypatch.setattr(engines, "COUNT_CAP", 5)
    page.goto("/sok/?q=byregionsamling")
    heading = page.locator("#search-results-heading")
    assert " ".join(heading.inner_text().split()) == "Over 5 treff for «byregionsamling»"
    tabs = page.get_by_role("navigation", name="Treff etter type")
    first = tabs.get_by_role("link").first
    # What a screen reader is given: the count and "or more", not a bare "+".
    label = " ".join(first.evaluate("element => element.textContent").split())
    assert label.endswith("+ eller flere"), label
    hidden = first.locator(".ds-sr-only").bounding_box()
    assert hidden["width"] <= 1 and hidden["height"] <= 1  # for screen readers only
    check_axe(page)
    save_screenshot(page, "search-counts-floor", full_page=False)
