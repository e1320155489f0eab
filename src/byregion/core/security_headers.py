"""Content-Security-Policy and Permissions-Policy on every answer (issue 13;
docs/operators/security-headers.md).

One middleware, django-csp's with the choice of policy by path made here:

- Public answers (pages, the API, errors) get `settings.CONTENT_SECURITY_POLICY`: scripts,
  styles, fonts and frames from the site itself only, no inline script or style, no eval.
  The address images are linked at when media live in object storage is added to img-src
  (`media_source()`).
- The admin (/admin/, where Wagtail's editor, previews and choosers live) gets that policy
  with `ADMIN_RELAXATIONS`, each there for a reason given beside it. A page previewed in
  the admin is the public page and keeps the public policy. Only a view Wagtail marks
  X-Frame-Options: SAMEORIGIN (its previews, shown in the editor's frame) may be framed,
  and only by the site.

Never a nonce: a public page is stored whole by the page cache and by the proxy and every
visitor gets the same bytes, so a nonce in a stored page would be the same for everyone and
not the one in a later answer's header. What a page needs must come from a static file.

The middleware sits outside the page cache (settings.MIDDLEWARE): an answer from the cache
gets the same headers as the render that stored it. A header a view set itself is kept
(Wagtail sends a document with its own, stricter `default-src 'none'`).
"""

from __future__ import annotations

import functools
import logging
import re
from urllib.parse import quote, urlsplit

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import DEFAULT_DIRECTIVES
from django.core.signals import setting_changed

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"

# What Wagtail 7.4's admin needs beyond the public policy (checked in headless Chromium,
# tests/browser/test_csp.py). Every other directive stays the public one: no eval, nothing
# loaded from another host, no plugins, no <base>, forms post only to the site.
ADMIN_RELAXATIONS = {
    # Wagtail's date, time and date-time widgets and its inline panels (the editor's
    # repeated items) write an inline <script> beside each field, and the choosers' modal
    # answers carry more; they differ per field, so no hash can name them, and Wagtail's
    # templates take no nonce. No 'unsafe-eval': nothing tested needs it.
    "script-src": [SELF, UNSAFE_INLINE],
    # Wagtail's scripts add <style> elements and style attributes (the editor, its rich
    # text and choosers), and its templates and the registration desk's write style="".
    "style-src": [SELF, UNSAFE_INLINE],
    # The image upload form shows each chosen image before it is sent, from a blob: address
    # (data: is the public policy's already).
    "img-src": [SELF, "data:", "blob:"],
}

# Browser features no page or admin view uses, refused to the page and every frame in it.
# Only names Chromium knows: an unknown one is a console error on every page.
DENIED_FEATURES = (
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)

# A file name the media storage makes an address for, to learn where images are linked.
_PROBE = "images/byregion-csp-probe.jpg"
_HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]+)?$|^\[[0-9A-Fa-f:.]+\](:[0-9]+)?$")


@functools.cache
def media_source() -> str | None:
    """The source expression that allows the media storage's images, when they are linked
    at another address than the site's own (object storage: BYREGION_MEDIA_URL or the
    bucket's own address); None while media are served from the site (/media/).

    It is the folder the storage links images under, e.g. https://media.example.org/ or
    https://s3.example.org/bucket/ (a path-style bucket: not every bucket on the service)."""
    from django.core.files.storage import storages

    try:
        url = storages["default"].url(_PROBE)
    except Exception:  # a storage that cannot say must not take every page down
        logger.exception("the media storage gave no address; img-src has no media address")
        return None
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None  # on the site: 'self'
    if parts.scheme not in ("http", "https") or not _HOST.match(parts.netloc):
        logger.warning("media address %r left out of the Content-Security-Policy", url)
        return None
    folder = parts.path[: -len(_PROBE)] if parts.path.endswith(_PROBE) else "/"
    # ";" and "," end a directive or a policy: never let an address write one.
    return f"{parts.scheme}://{parts.netloc}{quote(folder, safe='/-._~!$&()*+=:@%')}"


def _forget_media_source(setting, **kwargs) -> None:
    if setting in ("STORAGES", "MEDIA_URL"):
        media_source.cache_clear()


setting_changed.connect(_forget_media_source, dispatch_uid="byregion.core.security_headers")


_ORDER = {name: i for i, name in enumerate(dict.fromkeys(["default-src", *DEFAULT_DIRECTIVES]))}


def in_order(policy: str) -> str:
    """The directives in one fixed order (django-csp writes them in a set's order, which
    changes from one process to the next): the same header from every worker."""
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    return "; ".join(sorted(directives, key=lambda d: (_ORDER.get(d.split()[0], 99), d)))


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy and the media address chosen here,
    and Permissions-Policy added (to every answer that has none)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        parts.nonce = None  # never: see the module's docstring
        if report_only:
            return parts
        replace = {}
        if request.path_info.startswith(ADMIN_PREFIX):
            # A page's preview is the public page: it gets the public policy, so the editor
            # sees what visitors will (an inline script fails in the preview too).
            if not getattr(response, "_byregion_page_preview", False):
                replace |= ADMIN_RELAXATIONS
            # Wagtail marks its previews SAMEORIGIN: the editor shows them in a frame. Any
            # other admin view may not be framed at all, as X-Frame-Options: DENY says.
            framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            replace["frame-ancestors"] = [SELF] if framed else ["'none'"]
        parts.replace = replace | (parts.replace or {})
        source = media_source()
        if source:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", ()), source]
            parts.update = update
        return parts

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail's preview renders a page through the whole middleware chain, as a
            # request for the page's public address, inside the admin's request: the admin's
            # request writes the headers (the frame the preview is shown in is the admin's).
            response._byregion_page_preview = True
            return response
        ours = not response.has_header(HEADER)
        response = super().process_response(request, response)
        if ours and response.has_header(HEADER):
            response[HEADER] = in_order(response[HEADER])
        if not response.has_header("Permissions-Policy"):
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
