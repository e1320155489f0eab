"""Profile one registration end to end, in process: queries and where the Python time goes.

    .venv/bin/python bench/profile_registration.py [--posts 200] [--profile]

Uses DATABASE_URL's kind like registrations_bench.py (PostgreSQL: a fresh <name>_profile
database, dropped after; else SQLite in a temporary folder). Posts the registration form
through Django's test client with CSRF checks on, as the production server would run it
(DEBUG off), and prints the queries of one POST and the mean time per POST; `--profile`
adds the cProfile lines that cost most (cumulative).
"""

import argparse
import cProfile
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from registrations_bench import BIN, FORM, SETUP, collect_static


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="byregion-profile-"))
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    if postgres:
        import dj_database_url
        import psycopg

        db = dj_database_url.parse(url)
        name = f"{db['NAME']}_profile"
        params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"],
                  "password": db["PASSWORD"]}  # fmt: skip
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = url.rsplit("/", 1)[0] + "/" + name
    else:
        url = f"sqlite:///{tmp / 'profile.sqlite3'}"
    os.environ.update(
        DATABASE_URL=url,
        BYREGION_DATA_DIR=str(tmp),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SECRET_KEY="profile-only",  # noqa: S106 - a throwaway database
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
        SITE_URL="http://127.0.0.1",  # production's checks allow plain http on loopback
    )
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    collect_static(os.environ)
    subprocess.run([BIN / "byregion", "migrate", "--noinput", "-v0"], check=True)
    subprocess.run([sys.executable, "-c", SETUP.replace("SEATS", str(args.seats))], check=True)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from byregion.registrations.models import RoleCategory

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    role = RoleCategory.objects.first().pk
    client = Client(enforce_csrf_checks=True)

    def fields(number):
        html = client.get(FORM).content.decode()
        hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)"', html))
        return {**hidden, "name": f"Generert deltakar {number:04d}",
                "email": f"bench{number:04d}@example.invalid",
                "organisation_name": "Generert organisasjon", "role": role}  # fmt: skip

    forms = [fields(n) for n in range(args.posts + 1)]
    with CaptureQueriesContext(connection) as queries:
        response = client.post(FORM, forms[0])
    assert response.status_code == 302, response.status_code
    print(f"one POST: {len(queries)} queries")
    for query in queries.captured_queries:
        print("  ", query["sql"][:160])
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for form in forms[1:]:
        assert client.post(FORM, form).status_code == 302
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"{args.posts} POSTs: {elapsed / args.posts * 1000:.2f} ms each (in process)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    if postgres:
        connection.close()
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
