"""Subscriptions in a browser, with real mail: subscribe → confirm → receive a digest →
one-click unsubscribe, axe-core on every page, and the digest mail rendered in Chromium."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from byregion.subscriptions import digests
from tests.browser.conftest import ARTIFACTS, MOBILE, check_axe, save_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def news(home_page, settings, live_server, smtp_server):
    from byregion.networks.models import Region
    from tests.news.conftest import NewsTree

    # The links in the mails point at the live server.
    settings.SITE_URL = live_server.url
    tree = NewsTree()
    Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    Region.objects.create(name="Molderegionen", slug="molderegionen")
    return tree


def _link(text: str, marker: str) -> str:
    return next(url for url in re.findall(r"https?://\S+", text) if marker in url)


def test_subscribe_confirm_receive_a_digest_and_unsubscribe(page, news, smtp_server, live_server):
    from tests.subscriptions.conftest import publish_news

    page.goto("/abonnement/")
    check_axe(page)
    save_screenshot(page, "subscriptions-form-nb")
    page.set_viewport_size(MOBILE)
    save_screenshot(page, "subscriptions-form-nb-phone")
    check_axe(page)

    # A bad address: the form keeps what was typed and says what is wrong.
    page.get_by_label("E-postadressen din").fill("kari(at)example")
    page.get_by_label("Nyheter", exact=True).check()
    page.get_by_role("button", name="Abonner").click()
    page.locator("#form-errors").wait_for()
    assert page.get_by_label("E-postadressen din").input_value() == "kari(at)example"
    assert page.get_by_label("Nyheter", exact=True).is_checked()
    check_axe(page)

    page.get_by_label("E-postadressen din").fill("kari@example.org")
    page.get_by_label("Straks (en e-post for hver nye sak)").check()
    page.get_by_role("button", name="Abonner").click()
    page.get_by_role("heading", name="Sjekk innboksen din").wait_for()
    check_axe(page)

    [confirmation] = smtp_server.to("kari@example.org")
    page.goto(_link(confirmation.text(), "/bekreft/"))
    check_axe(page)
    page.get_by_role("button", name="Bekreft abonnementet").click()
    page.get_by_role("heading", name="Abonnementet ditt").wait_for()
    assert page.get_by_text("Abonnementet ditt er bekreftet.").is_visible()
    check_axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    save_screenshot(page, "subscriptions-manage-nb")

    publish_news(news, "Ny hamneplan for Ålesund")
    publish_news(news, "Regionrådet møtest i Molde", language="nn")
    digests.run(timezone.now() + dt.timedelta(minutes=5))
    digest = smtp_server.to("kari@example.org")[-1]
    assert digest.message["Subject"] == "2 nye saker på Byregion"
    html = digest.html()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "subscriptions-digest.html").write_text(html, encoding="utf-8")
    # On a blank page: the site's Content-Security-Policy would refuse the mail's inline
    # styles, which a mail program shows.
    page.goto("about:blank")
    page.set_content(html)
    save_screenshot(page, "subscriptions-digest-mail")
    assert page.get_by_role("link", name="Ny hamneplan for Ålesund").is_visible()

    # The unsubscribe link asks first (a GET changes nothing) ...
    unsubscribe = digest.message["List-Unsubscribe"].strip().strip("<>")
    page.goto(unsubscribe)
    check_axe(page)
    # ... and a mail program's one-click POST (RFC 8058) unsubscribes, twice is fine.
    for _ in range(2):
        response = page.request.post(
            unsubscribe,
            data="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status == 200
    page.goto(unsubscribe)
    page.get_by_role("heading", name="Abonnementet er avsluttet").wait_for()
    check_axe(page)

    publish_news(news, "Enda ei sak")
    digests.run(timezone.now() + dt.timedelta(minutes=10))
    assert len(smtp_server.to("kari@example.org")) == 2  # the confirmation and one digest


@pytest.mark.parametrize("prefix", ["/nn", "/en"])
def test_the_form_and_a_bad_link_in_nynorsk_and_english(page, news, prefix):
    page.goto(f"{prefix}/abonnement/")
    check_axe(page)
    page.set_viewport_size(MOBILE)
    check_axe(page)
    save_screenshot(page, f"subscriptions-form-{prefix.strip('/')}-phone")
    page.goto(f"{prefix}/abonnement/bekreft/not-a-link/")
    check_axe(page)
