"""Benchmark: importing Statistics Norway's national 03321 matrix for one year.

The matrix is GENERATED, in SSB's JSON-stat2 shape (PxWebApi v2): 361 x 361 municipality
codes (about 130,000 residence x work pairs, as the national table has for one year), with
made-up counts, labelled as generated. It measures `byregion import-statistics`'s code
path (`indicators.ssb.import_files`), not SSB's figures.

Run: .venv/bin/python bench/indicators_bench.py   (a throwaway SQLite test database, or
DATABASE_URL's server: it creates and drops a test database).
"""

import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byregion.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

SIDE = 361  # 361 x 361 = 130,321 pairs


def generated_matrix(year: int) -> dict:
    rng = random.Random(14)
    codes = [f"{9000 + i:04d}" for i in range(SIDE)]  # not real municipality codes
    values = [rng.randrange(0, 50) for _ in range(SIDE * SIDE)]
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "GENERATED for the benchmark: not Statistics Norway's figures",
        "source": "generated",
        "id": ["Bokommuen", "ArbstedKomm", "ContentsCode", "Tid"],
        "size": [SIDE, SIDE, 1, 1],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Bokommuen": {"category": {"index": {c: i for i, c in enumerate(codes)}}},
            "ArbstedKomm": {"category": {"index": {c: i for i, c in enumerate(codes)}}},
            "ContentsCode": {"category": {"index": {"Sysselsatte": 0}}},
            "Tid": {"category": {"index": {str(year): 0}}},
        },
        "value": values,
        "extension": {"px": {"tableid": "03321"}},
    }


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from byregion.indicators.models import Observation
        from byregion.indicators.ssb import import_files

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "03321-generated.json"
            path.write_text(json.dumps(generated_matrix(2022)), encoding="utf-8")
            size = path.stat().st_size / 2**20
            before = max_rss_mib()
            start = time.perf_counter()
            result = import_files([path])
            first = time.perf_counter() - start
            after_first = max_rss_mib()
            start = time.perf_counter()
            import_files([path])
            again = time.perf_counter() - start
            count = Observation.objects.count()
        print(f"generated 03321 matrix: {SIDE} x {SIDE} = {result.written} pairs, {size:.1f} MiB")
        print(f"import, first time        {first:6.1f} s")
        print(f"import again (same rows)  {again:6.1f} s")
        print(f"rows stored               {count}")
        print(f"peak RSS                  {after_first:6.0f} MiB (before the import {before:.0f})")
        print(f"database                  {connection.vendor}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    sys.exit(main())
