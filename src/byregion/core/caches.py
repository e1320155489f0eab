"""The embedded default's shared cache: Django's file cache, culled now and then.

Django's `FileBasedCache` lists every file in its folder on every write, to count them
(`_cull`): a write cost 0.3 ms with 10 entries and 5.8 ms with 5,000. The page cache writes
on each page it stores and on each bump, and a registration bumps its gathering's seats
inside the seat lock, so every registration waited for a listing of the folder (65
registrations a second against 151 with an in-memory cache in bench/registrations_bench.py).
Here the count is made on one write in `cull_every`, so the folder may hold up to that many
entries over MAX_ENTRIES between two counts.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    cull_every = 64

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count()  # next() on a count is atomic: safe across threads

    def _cull(self):
        if next(self._writes) % self.cull_every == 0:
            super()._cull()
