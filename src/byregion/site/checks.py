"""What production must set before the site may start (`byregion check`, `migrate` and
`serve` refuse without it): each gap would leak personal links or mail. With DEBUG on (a
developer's machine, the demo) none applies."""

import ipaddress
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

TAG = "byregion_settings"
CONSOLE_MAIL = "django.core.mail.backends.console.EmailBackend"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(TAG)
def production_settings(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    if settings.SECRET_KEY == settings.LOCAL_SECRET_KEY:
        errors.append(Error(
            "SECRET_KEY is not set: personal links would be signed with the public local key.",
            hint="Set SECRET_KEY in the environment to a long random value.",
            id="byregion.E001",
        ))  # fmt: skip
    if settings.EMAIL_BACKEND == CONSOLE_MAIL:
        errors.append(Error(
            "EMAIL_HOST is not set: e-mail with personal links would be written to the log.",
            hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to the mail server.",
            id="byregion.E002",
        ))  # fmt: skip
    site = urlsplit(settings.SITE_URL)
    if not os.environ.get("SITE_URL"):
        errors.append(Error(
            "SITE_URL is not set: links in e-mail, feeds and the sitemap would name "
            f"{settings.SITE_URL}.",
            hint="Set SITE_URL to the site's public https:// address.",
            id="byregion.E003",
        ))  # fmt: skip
    elif site.scheme != "https" and not _is_loopback(site.hostname or ""):
        errors.append(Error(
            f"SITE_URL is {settings.SITE_URL!r}: personal links and the admin would travel "
            "without TLS.",
            hint="Set SITE_URL to the site's https:// address (plain http only on loopback).",
            id="byregion.E004",
        ))  # fmt: skip
    return errors
