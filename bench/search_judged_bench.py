"""Benchmark: ranking quality on the judged relevance set (tests/search/judged.py).

    .venv/bin/python bench/search_judged_bench.py              # SQLite
    DATABASE_URL=postgres://byregion_ci:byregion_ci@127.0.0.1:5432/byregion_search \
      .venv/bin/python bench/search_judged_bench.py            # PostgreSQL
    .venv/bin/python bench/search_judged_bench.py --verbose    # every query's figures

Loads the demo content into a test database it creates and drops, then runs every judged
query through `search()` and reports nDCG@10 and success@3 (definitions in judged.py).
"""

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byregion.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="every query's figures")
    args = parser.parse_args()
    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
            Path(tempfile.gettempdir()) / "byregion_judged_bench.sqlite3"
        )
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from tests.search.judged import evaluate, run_search

        from byregion.demo.content import load_all

        media = Path(tempfile.mkdtemp(prefix="judged-media-"))
        with override_settings(MEDIA_ROOT=media), contextlib.redirect_stdout(io.StringIO()):
            load_all()
        started = time.perf_counter()
        result = evaluate(run_search)
        elapsed = time.perf_counter() - started
        print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")  # fmt: skip
        if args.verbose:
            for query, language, ndcg, success in result["rows"]:
                print(f"  {ndcg:5.2f} {'ok ' if success else 'MISS'} [{language}] {query}")
        print(f"queries {result['queries']}: nDCG@10 {result['ndcg10']:.3f}, "
              f"success@3 {100 * result['success3']:.1f} %, "
              f"{1000 * elapsed / result['queries']:.1f} ms a query")  # fmt: skip
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
