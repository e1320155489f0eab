import uuid

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from byregion.core import pagecache


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Each test has caches of its own: no page, rate count or image rendition (which points
    # into the test's own media folder) is left over from another test.
    fresh = uuid.uuid4().hex
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{alias}-{fresh}",
        }
        for alias in ("default", "renditions")
    }
    pagecache.forget_local_values()
    # Tests sign editors in with force_login, past the second factor: it is required only
    # in its own tests (tests/security/test_admin_second_factor.py, `second_factor_policy`).
    settings.BYREGION_MFA_REQUIRED_FOR_SUPERUSERS = False
    settings.BYREGION_MFA_REQUIRED_GROUPS = []
    settings.BYREGION_MFA_REQUIRED_PERMISSIONS = []


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in Bokmål: a request leaves its language active in the thread, and
    reverse() outside a request uses it (/nn/... after a Nynorsk test)."""
    translation.activate("nb")
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for a module's tests and rolled back after them (the
    knowledge tests load it per test, `demo_content_per_test`; the networks tests load only
    their part, `demo_networks`; browser tests need it in the live server's database,
    `live_demo_content`).

    Each test still runs in its own savepoint (the `django_db` mark), so what one test
    changes the next does not see.
    """
    from byregion.demo.content import load_all

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_all()
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    yield media
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo_media(settings, demo_content):
    """The demo content with its image files: a page that shows the demo's images (the
    article's photo) is rendered from the folder the demo was loaded into."""
    settings.MEDIA_ROOT = demo_content
    caches["renditions"].clear()
    return demo_content


@pytest.fixture
def uncached(settings):
    """Every request rendered, none answered from the page cache: for tests that count what
    a render costs."""
    settings.BYREGION_PAGE_CACHE = False


@pytest.fixture(scope="session")
def _smtp_server_process():
    from tests.mailserver import SmtpServer

    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(_smtp_server_process, settings):
    """A real SMTP server on loopback (tests/mailserver.py): the site sends through Django's
    SMTP backend, as in production, and the test reads back what arrived. It starts once
    per test run and is emptied for each test."""
    server = _smtp_server_process
    server.clear()
    server._trouble.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    return server
