"""The Content-Security-Policy in headless Chromium (core/security_headers.py): the public
pages and the Wagtail admin work under their policies with no violation.

Every `securitypolicyviolation` event, in any page or frame, is reported to the test, and so
is every console error and every complaint about the Permissions-Policy header. The public
pages carry JSON-LD (<script type="application/ld+json">): data, which must not count as an
inline script. The admin test edits a news article (title, save a draft, preview), opens the
image chooser, uploads an image and goes through the registration desk, signed in by a
session cookie (the sign-in page itself is only loaded: its form is tested elsewhere).
"""

import io
import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from tests.registrations.conftest import make_gathering

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

ARTICLE = "/nyheter/alesund-kommune/byregionsamling-i-alesund/"
GATHERING = "/samlinger/byregionsamling-i-alesund-2017/"

# Installed in every document and frame before its own scripts run.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.byregionCspViolation({
        page: document.location.href, directive: event.effectiveDirective,
        blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber,
        sample: event.sample,
    });
}, true);
"""


class Watch:
    """What went wrong in a browser context: CSP violations, console errors, warnings about
    the security headers."""

    def __init__(self, context, *, not_found: tuple[str, ...] = ()):
        self.problems: list[str] = []
        self.not_found = not_found  # pages that answer 404 on purpose (the browser says so)
        context.expose_binding("byregionCspViolation", self._violation)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)

    def _violation(self, source, v) -> None:
        self.problems.append(
            f"CSP violation on {v['page']}: {v['directive']} blocked {v['blocked']!r}"
            f" at {v['source']}:{v['line']} {v['sample']!r}"
        )

    def _console(self, message) -> None:
        text = message.text
        if text.startswith("Failed to load resource") and message.location["url"].endswith(
            self.not_found
        ):
            return
        if message.type == "error" or any(
            word in text for word in ("Content Security Policy", "Content-Security-Policy",
                                      "Permissions-Policy", "Permissions Policy")
        ):  # fmt: skip
            self.problems.append(f"console {message.type} on {message.page.url}: {text}")

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def serve_media(context) -> None:
    """Uploads from the test's media folder (the live server does not serve them)."""
    root = Path(settings.MEDIA_ROOT)

    def fulfil(route):
        path = root / route.request.url.split("/media/", 1)[1].split("?")[0]
        if path.is_file():
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            route.fulfill(body=path.read_bytes(), content_type=content_type)
        else:
            route.fulfill(status=404)

    context.route("**/media/**", fulfil)


def test_public_pages_run_under_the_public_policy(page, live_demo_content):
    watch = Watch(page.context, not_found=("/finst-ikkje/",))
    serve_media(page.context)
    form = make_gathering(title="Samling med skjema (test)", language="nb")
    urls = ["/", ARTICLE, GATHERING, f"/samlinger/{form.slug}/pamelding/", "/sok/?q=ålesund",
            "/en/", "/finst-ikkje/", "/api/docs"]  # fmt: skip
    for url in urls:
        answer = page.goto(url)
        page.wait_for_load_state("networkidle")
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy.split("; ") and "unsafe" not in policy, (url, policy)
        assert "camera=()" in answer.headers["permissions-policy"], url
        if url in (ARTICLE, GATHERING):
            assert page.locator('script[type="application/ld+json"]').count() >= 1, url
    # Designsystemet's script ran (its custom elements are defined) and styled its fields.
    page.goto(f"/samlinger/{form.slug}/pamelding/")
    assert page.evaluate("customElements.get('ds-field') !== undefined")
    # The Swagger UI drew the API's operations from its own files.
    page.goto("/api/docs")
    page.locator(".opblock").first.wait_for()
    watch.check()


def sign_in(context, site: str, user) -> None:
    """The browser gets a session of `user`'s (the sign-in form is another test's)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_admin_works_under_its_policy(chromium, live_server, live_demo_content,
                                          django_user_model):  # fmt: skip
    from wagtail.images import get_image_model

    from byregion.gatherings.models import GatheringPage
    from byregion.news.models import NewsArticlePage
    from byregion.registrations.models import Registration

    editor = django_user_model.objects.create_superuser("redaktor", "red@example.invalid", "pw")
    article = NewsArticlePage.objects.get(url_path__endswith="/byregionsamling-i-alesund/")
    gathering = GatheringPage.objects.get(slug="byregionsamling-i-alesund-2017")
    registration = Registration.objects.filter(gathering=gathering).first()
    images_before = get_image_model().objects.count()

    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    watch = Watch(context)
    site = live_server.url
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(site) else route.abort(),
    )
    serve_media(context)
    page = context.new_page()

    # The sign-in page (wherever /admin/login/ leads) loads cleanly; then the editor's session.
    page.goto("/admin/login/")
    page.wait_for_load_state("networkidle")
    sign_in(context, live_server.url, editor)
    answer = page.goto("/admin/")
    assert "'unsafe-inline'" in answer.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")

    # The page explorer, at the root and in the article's section.
    page.goto("/admin/pages/")
    page.goto(f"/admin/pages/{article.get_parent().pk}/")
    assert page.locator(f"a[href='/admin/pages/{article.pk}/edit/']").count() >= 1

    # The editor: a new title, saved as a draft, then shown in the preview panel.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    title = "Byregionsamling i Ålesund (endra i testen)"
    page.fill("#id_title", title)
    page.click("button.action-save")
    page.wait_for_url(f"**/admin/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.get_latest_revision_as_object().title == title
    assert article.has_unpublished_changes
    page.click("[data-side-panel-toggle='preview']")
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text="endra i testen").wait_for()

    # The image chooser: the listing opens in a modal and an image is chosen from it.
    chooser = page.locator("#id_main_image-chooser")
    chooser.locator("[data-w-dropdown-target='toggle']").click()  # the chosen image's menu
    chooser.locator("[data-chooser-action-choose]:visible").click()
    modal = page.locator(".modal-content")
    choice = modal.locator("a.image-choice").first
    choice.wait_for()
    choice.click()
    modal.wait_for(state="hidden")

    # A gathering's editor: beside each date-time field Wagtail writes an inline script that
    # makes its picker (which the admin's policy must let run).
    page.goto(f"/admin/pages/{gathering.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_start").count() == 1
    assert page.locator(".xdsoft_datetimepicker").count() >= 1

    # An image uploaded: previewed, sent, its form shown.
    page.goto("/admin/images/multiple/add/")
    page.set_input_files(
        "#fileupload", files=[{"name": "blaa.png", "mimeType": "image/png", "buffer": png("blue")}]
    )
    upload = page.locator("#upload-list li.upload-success")
    upload.wait_for()
    upload.locator("input[name$='credit']").fill("Foto: testen")  # our image model asks for it
    upload.locator("button[type=submit]").click()
    for _ in range(50):
        if get_image_model().objects.count() > images_before:
            break
        page.wait_for_timeout(100)
    assert get_image_model().objects.filter(credit="Foto: testen").count() == 1

    # The registration desk: gatherings, one gathering, a registration, the records.
    page.goto("/admin/registration-desk/")
    page.goto(f"/admin/registration-desk/gathering/{gathering.pk}/")
    page.goto(f"/admin/registration-desk/registration/{registration.pk}/")
    page.goto("/admin/registration_records/")
    page.wait_for_load_state("networkidle")
    context.close()
    watch.check()
