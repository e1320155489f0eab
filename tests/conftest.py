import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in Bokmål: a request leaves its language active in the thread, and
    reverse() outside a request uses it (/nn/... after a Nynorsk test)."""
    translation.activate("nb")
    yield
    translation.deactivate()
