"""The shared cache on Redis (or Valkey): pages, their generations, the API's counts and the
image renditions live there, so every app server sees the same and a change made on one
reaches all. Runs against the server in BYREGION_TEST_REDIS_URL (CI starts one from Debian's
packages); skipped without it unless BYREGION_REQUIRE_PROXY_TEST is set.
"""

import os
import subprocess
import sys
import uuid

import pytest

from byregion.settings import cache_settings

REDIS_URL = os.environ.get("BYREGION_TEST_REDIS_URL", "")
if not REDIS_URL and not os.environ.get("BYREGION_REQUIRE_PROXY_TEST"):
    pytest.skip("no Redis server named in BYREGION_TEST_REDIS_URL", allow_module_level=True)

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_caches(settings):
    prefix = uuid.uuid4().hex
    caches = {}
    for alias in ("default", "renditions"):
        config = cache_settings(REDIS_URL, alias)
        config["KEY_PREFIX"] = f"{prefix}-{alias}"
        caches[alias] = config
    settings.CACHES = caches
    return caches


def test_cache_url_chooses_django_s_redis_cache():
    assert cache_settings("redis://h:6379/0", "default")["BACKEND"].endswith("RedisCache")
    valkey = cache_settings("valkey://h:6379/0", "default")
    assert valkey["LOCATION"] == "redis://h:6379/0"
    assert cache_settings("", "default")["BACKEND"] == "byregion.core.caches.FileCache"


def test_a_change_announced_by_another_process_reaches_this_one(client, redis_caches):
    from tests.pages import home_page

    home_page()
    assert client.get("/").headers["X-Byregion-Cache"] == "miss"
    assert client.get("/").headers["X-Byregion-Cache"] == "hit"
    # Another app server saves a change: it bumps the generation in the shared cache.
    env = {**os.environ, "CACHE_URL": REDIS_URL}
    env.pop("DATABASE_URL", None)
    code = (
        "from django.conf import settings\n"
        f"settings.CACHES['default']['KEY_PREFIX'] = {redis_caches['default']['KEY_PREFIX']!r}\n"
        "from byregion.core import pagecache\n"
        "pagecache.bump(pagecache.CONTENT)\n"
    )
    subprocess.run(
        [sys.executable, "-m", "byregion", "shell", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert client.get("/").headers["X-Byregion-Cache"] == "miss"


def test_the_api_limit_is_counted_in_the_shared_cache(client, redis_caches, settings):
    from django.core.cache import caches

    from byregion.api.api import THROTTLES

    client.get("/api/themes")
    throttle = THROTTLES[0]
    key = throttle.get_cache_key(client.get("/api/themes").wsgi_request)
    assert len(caches["default"].get(key)) == 2
