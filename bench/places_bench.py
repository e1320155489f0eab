"""Benchmark: the places snapshot import and the timeline's questions.

Run: .venv/bin/python bench/places_bench.py   (uses a throwaway SQLite database, or
DATABASE_URL's database when set: it creates and drops its tables in a test database).
"""

import datetime as dt
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byregion.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float], unit: str = "ms") -> None:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"{label:<48} p50 {statistics.median(samples):8.2f} {unit}   p95 {p95:8.2f} {unit}")


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from byregion.places.klass import import_snapshot
        from byregion.places.models import Place
        from byregion.places.timeline import Timeline, places_on

        report("import the snapshot (first time)", timed(import_snapshot, 1))
        report("import the snapshot again (idempotent)", timed(import_snapshot, 5))
        report("Timeline.load() (3 queries)", timed(Timeline.load, 50))
        timeline = Timeline.load()
        versions = list(Place.objects.filter(kind="municipality"))
        dates = [dt.date(year, 1, 1) for year in range(2017, 2026)]

        def map_all():
            for place in versions:
                for to in dates:
                    timeline.map(place.code, place.valid_from, to)

        samples = timed(map_all, 20)
        per_call = [1000 * s / (len(versions) * len(dates)) for s in samples]
        report(f"map one code ({len(versions) * len(dates)} calls a round)", per_call, "µs")
        report("places_on(date) for one county", timed(
            lambda: list(places_on(dt.date(2020, 1, 1)).filter(parent__code="15")), 50
        ))  # fmt: skip
        print(f"database: {connection.vendor}; python {sys.version.split()[0]}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
