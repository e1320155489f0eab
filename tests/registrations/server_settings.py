"""The concurrency tests' server: production's settings with a short seat-lock timeout, so
the test of a held lock waits 2 s rather than the default 5."""

from byregion.settings import *  # noqa: F403

BYREGION_REGISTRATION_LOCK_TIMEOUT = 2
