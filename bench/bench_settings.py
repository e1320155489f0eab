"""Production settings (DEBUG off) for the benchmarks, with three differences, each for a reason.

- Static files are not fingerprinted: `collectstatic` with the manifest storage currently
  fails on a source map that the design system's script names but does not ship
  (`vendor/designsystemet/index.js.map`); rendering `{% static %}` costs about the same.
- Cookies are not marked Secure: the benchmark speaks plain HTTP on loopback, without the
  TLS proxy production has, and the CSRF cookie must come back.
- One extra URL, `/bench/trivial/` (bench_urls.py), the anchor: a view that does nothing.
"""

import os

from byregion.settings import *  # noqa: F403
from byregion.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
ROOT_URLCONF = "bench_urls"

# pages_bench.py measures Django's database cache beside the file cache (the two candidates
# Django ships for a cache shared by one machine's workers).
if os.environ.get("BENCH_DATABASE_CACHE"):
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "byregion_cache",
            "KEY_PREFIX": alias,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
        for alias in ("default", "renditions")
    }
