"""Content-Security-Policy and Permissions-Policy (issue 13; core/security_headers.py,
docs/operators/security-headers.md).

Every answer carries both headers: public pages, answers from the page cache (a stored page
and a revalidation), the API, the admin and pages that are not found. The public policy is
read directive by directive: scripts and styles only from the site's own files (no inline
script or style attribute, no eval, no nonce in a page that is stored and shared), images
from the site, data: and the media address; nothing may frame a page. The admin gets its
own policy, looser where Wagtail needs it and as strict as the public one elsewhere.
"""

import datetime as dt
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model

from byregion.gatherings.models import GatheringIndexPage, GatheringPage, GatheringStatus
from byregion.news.models import NewsArticlePage
from byregion.settings import media_storage

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
PERMISSIONS = "Permissions-Policy"
ARTICLE = "/nyheter/alesund-kommune/byregionsamling-i-alesund/"
GATHERING = "/samlinger/byregionsamling-i-alesund-2017/"
API = "/api/municipalities/1508"
PUBLIC = ["/", "/en/", ARTICLE, GATHERING, "/sok/?q=ålesund", "/organisasjoner/alesund-kommune/",
          "/regioner/alesundregionen/", API, "/api/docs"]  # fmt: skip
# Features no page or admin view uses, refused to the page and every frame in it.
DENIED = {"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics",
          "interest-cohort", "accelerometer", "gyroscope", "magnetometer", "display-capture",
          "hid", "midi", "serial"}  # fmt: skip


def directives(response) -> dict[str, list[str]]:
    """The policy as a browser reads it: directive name -> its sources."""
    assert response.has_header(CSP), (response.status_code, dict(response.items()))
    assert not response.has_header(CSP + "-Report-Only")
    policy: dict[str, list[str]] = {}
    for part in response[CSP].split(";"):
        name, *sources = part.split()
        assert name not in policy, f"{name} twice: a browser reads only the first"
        policy[name.lower()] = sources
    return policy


def permissions(response) -> dict[str, str]:
    assert response.has_header(PERMISSIONS), (response.status_code, dict(response.items()))
    features = {}
    for item in response[PERMISSIONS].split(","):
        name, _, allow = item.strip().partition("=")
        features[name] = allow
    return features


def assert_public(policy: dict[str, list[str]], media: tuple[str, ...] = ()) -> None:
    assert policy["default-src"] == ["'self'"]
    # Only the site's own script files: no 'unsafe-inline', 'unsafe-eval', nonce, hash or
    # other host; and nothing that would override script-src for elements or attributes.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    for name in ("script-src-elem", "script-src-attr", "style-src-elem", "style-src-attr"):
        assert name not in policy
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", *media]
    # Every other fetch falls back to default-src: fonts, frames, connections, workers.
    for name in ("font-src", "frame-src", "connect-src", "worker-src", "child-src", "media-src"):
        assert name not in policy or policy[name] == ["'self'"], name


def assert_denied(response) -> None:
    features = permissions(response)
    for feature in DENIED:
        assert features.get(feature) == "()", feature


def get(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, (url, response.status_code)
    return response


@pytest.mark.parametrize("url", PUBLIC)
def test_public_answers_allow_only_the_sites_own_scripts_and_styles(client, demo_media, url):
    response = get(client, url)
    assert_public(directives(response))
    assert_denied(response)


def test_public_pages_have_no_inline_script_or_style(client, demo_media):
    """What the policy forbids is not in the pages (else the browser blocks it): every
    <script> loads a file of the site's or holds JSON-LD (data, never run), and no element
    has a style attribute, an inline event handler or a <style> block."""
    gathering = open_gathering()
    urls = [u for u in PUBLIC if not u.startswith("/api/")]
    for url in [*urls, f"/samlinger/{gathering.slug}/pamelding/", "/finst-ikkje/"]:
        response = client.get(url)
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src", "").startswith("/static/") or (
                script.get("type") == "application/ld+json" and not script.get("src")
            ), (url, str(script)[:200])
        assert not soup.find_all("style"), url
        for element in soup.find_all(True):
            assert "style" not in element.attrs, (url, str(element)[:200])
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (url, str(element)[:200])
        for link in soup.find_all(href=True):
            assert not link["href"].strip().lower().startswith("javascript:"), url


def test_a_stored_answer_carries_the_headers_of_the_rendered_one(client, demo_media):
    """The headers are added outside the page cache: a hit and a revalidation (304) carry
    the same policy as the miss that stored the page."""
    for url in ("/", ARTICLE, API):
        rendered, kept = get(client, url), get(client, url)
        assert (rendered["X-Byregion-Cache"], kept["X-Byregion-Cache"]) == ("miss", "hit")
        assert kept[CSP] == rendered[CSP] and kept[PERMISSIONS] == rendered[PERMISSIONS], url
        assert rendered[CSP].startswith("default-src 'self'; "), url  # one order everywhere
        assert_public(directives(kept))
        revalidated = get(client, url, status=304, HTTP_IF_NONE_MATCH=kept["ETag"])
        assert revalidated[CSP] == rendered[CSP], url
        assert revalidated[PERMISSIONS] == rendered[PERMISSIONS], url


def open_gathering() -> GatheringPage:
    """A gathering a month ahead, open for registration."""
    start = timezone.now() + dt.timedelta(days=30)
    gathering = GatheringPage(
        title="Samling med skjema (test)",
        slug=f"testsamling-{uuid.uuid4().hex[:8]}",
        language="nb",
        start=start,
        end=start + dt.timedelta(hours=6),
        status=GatheringStatus.OPEN,
        capacity=10,
    )
    GatheringIndexPage.objects.get().add_child(instance=gathering)
    gathering.save_revision().publish()
    return gathering


def test_the_registration_form_from_the_cache_carries_the_headers(demo_content):
    """The form is stored with holes each visitor's token fills: a hit is made anew."""
    url = f"/samlinger/{open_gathering().slug}/pamelding/"
    first, second = get(Client(), url), get(Client(), url)
    assert (first["X-Byregion-Cache"], second["X-Byregion-Cache"]) == ("miss", "hit")
    assert second[CSP] == first[CSP] and second[PERMISSIONS] == first[PERMISSIONS]
    assert_public(directives(second))
    assert_denied(second)


@pytest.mark.parametrize("url", ["/finst-ikkje/", "/en/finst-ikkje/", "/api/municipalities/1"])
def test_not_found_answers_carry_the_headers(client, demo_content, url):
    response = get(client, url, status=404)
    assert_public(directives(response))
    assert_denied(response)


def test_the_policy_allows_images_from_object_storage(client, admin_client, demo_content, settings):
    """With the media in a bucket, pages link images at the media address: img-src allows
    it (the address's folder), in the admin too; nothing else changes."""
    env = {"BYREGION_MEDIA_BUCKET": "byregion-media",
           "BYREGION_MEDIA_URL": "https://media.example.org/byregion"}  # fmt: skip
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(env)}
    media = ("https://media.example.org/byregion/",)
    # Pages without images: no rendition is made in the (unreachable) bucket.
    assert_public(directives(get(client, "/sok/")), media=media)
    assert directives(get(admin_client, "/admin/"))["img-src"][-1] == media[0]

    # The bucket's own address on an S3-compatible service (path style): that bucket only.
    env = {"BYREGION_MEDIA_BUCKET": "byregion-media",
           "BYREGION_MEDIA_ENDPOINT_URL": "https://s3.example.org",
           "BYREGION_MEDIA_ADDRESSING_STYLE": "path"}  # fmt: skip
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(env)}
    bucket = ("https://s3.example.org/byregion-media/",)
    assert_public(directives(get(client, "/sok/?q=ålesund")), media=bucket)


# -- the admin ---------------------------------------------------------------------------------


def assert_admin(policy: dict[str, list[str]], framed_by: str = "'none'") -> None:
    """Wagtail's admin needs inline scripts (its date, time and inline-panel widgets write
    them), inline styles and blob: images (upload previews); it still runs no eval and
    loads nothing from another host, and everything else is the public policy's."""
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == [framed_by]
    for name in ("script-src-elem", "script-src-attr", "style-src-elem", "style-src-attr"):
        assert name not in policy


@pytest.fixture
def article(demo_media):
    return NewsArticlePage.objects.get(url_path__endswith="/byregionsamling-i-alesund/")


def test_the_admin_has_its_own_policy(admin_client, article):
    for url in ("/admin/", "/admin/pages/", f"/admin/pages/{article.pk}/edit/", "/admin/images/",
                "/admin/images/multiple/add/", "/admin/registration-desk/"):  # fmt: skip
        response = get(admin_client, url)
        assert_admin(directives(response))
        assert_denied(response)
    # The sign-in page: the admin's policy under /admin/, the public one wherever else the
    # sign-in lives.
    login = Client().get("/admin/login/", follow=True)
    assert login.status_code == 200
    at_admin = login.request["PATH_INFO"].startswith("/admin/")
    (assert_admin if at_admin else assert_public)(directives(login))
    assert_denied(login)


def test_only_wagtails_previews_may_be_framed_and_only_by_the_site(admin_client, article):
    """Wagtail marks its preview views SAMEORIGIN (the editor shows them in a frame); the
    policy follows: frame-ancestors 'self' there, 'none' for every other admin view."""
    preview = get(admin_client, f"/admin/pages/{article.pk}/edit/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert_admin(directives(preview), framed_by="'self'")
    edit = get(admin_client, f"/admin/pages/{article.pk}/edit/")
    assert edit["X-Frame-Options"] == "DENY"
    assert_admin(directives(edit), framed_by="'none'")


def test_a_page_previewed_in_the_admin_gets_the_public_policy(admin_client, article):
    """Wagtail renders a preview through the middleware as a request for the page's public
    address, inside the admin's request: the preview is the public page, under the public
    policy (what fails for visitors fails in the preview), framed as the admin view allows."""
    revision = article.save_revision()
    shown = get(admin_client, f"/admin/pages/{article.pk}/revisions/{revision.pk}/view/")
    assert "Byregionsamling i Ålesund" in shown.content.decode()
    assert_public(directives(shown))
    assert_denied(shown)


def test_a_document_keeps_wagtails_own_stricter_policy(client, demo_content):
    """A document is not a page: Wagtail sends it with `default-src 'none'` (nothing in it
    may run or load), and that policy is kept, not replaced by the page policy."""
    document = get_document_model().objects.create(title="Rapport (test)")
    document.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    response = client.get(document.url)
    assert response.status_code == 200, response.status_code
    assert response[CSP] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_denied(response)
