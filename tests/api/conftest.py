import pytest


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """Each test starts with an empty request count (the throttle counts in the cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
