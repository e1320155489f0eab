"""Registration burst: N concurrent attempts for C seats against the production server.

    .venv/bin/python bench/registrations_bench.py [--attempts 2000] [--seats 230]
        [--clients 64] [--workers 4] [--threads 4]

Uses the database kind of DATABASE_URL (PostgreSQL: a fresh database named
<name>_bench on the same server, dropped after), else a SQLite file in a temporary folder.
Migrates it, creates one open gathering, starts `byregion serve` on loopback, loads one
form per attempt from `--clients` threads, each as a new visitor (CSRF cookie and form
key; timed: 2,000 people opening the form at once), then posts all attempts from
`--clients` threads at once while `--readers` more threads keep opening the form as new
visitors, and reports throughput, p50/p99 latency of the posts and of the forms, and the confirmed,
waitlisted and oversold counts read back from the database. E-mail is rendered and handed to
Django's in-memory backend in the request (`--mail request`, the immediate task backend), or
queued on commit and left for a worker (`--mail queued`), or written to production's
database queue inside the registration's transaction (`--mail database`). The server runs
with DEBUG off, as in production (bench_settings.py says what differs and why).
"""

import argparse
import http.cookiejar
import itertools
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dj_database_url

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
SETUP = """
import datetime as dt, django
django.setup()
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from byregion.gatherings.models import GatheringIndexPage, GatheringPage
from byregion.site.models import HomePage
home = HomePage.objects.first()
if home is None:
    locale, _ = Locale.objects.get_or_create(language_code="nb")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Byregion", slug="home", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "root_page": home, "site_name": "Byregion"})
index = home.add_child(instance=GatheringIndexPage(title="Samlinger", slug="samlinger"))
start = timezone.now() + dt.timedelta(days=30)
index.add_child(instance=GatheringPage(title="Benchmark (generert)", slug="bench",
    start=start, end=start + dt.timedelta(hours=8), status="open", capacity=SEATS))
"""
FORM = "/samlinger/bench/pamelding/"
TRIVIAL = "/bench/trivial/"
TASK_BACKENDS = {
    "request": "django_tasks.backends.immediate.ImmediateBackend",
    "queued": "django_tasks.backends.dummy.DummyBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
# Collected once and reused: production runs with DEBUG off, which serves the collected,
# fingerprinted files (and keeps no list of every query in memory, as DEBUG does).
STATIC = Path(tempfile.gettempdir()) / "byregion-bench-static"


def collect_static(env) -> None:
    env["STATIC_ROOT"] = str(STATIC)
    env["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    if not (STATIC / "admin").exists():
        subprocess.run([BIN / "byregion", "collectstatic", "--noinput", "-v0"], env=env, check=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_visitors = itertools.count(1)


def prepare(base: str):
    """A new visitor opens the form: (opener with its cookies, hidden fields, seconds).

    Each visitor has an address of its own, as the proxy in front (loopback is one of
    FORWARDED_ALLOW_IPS) reports it: the registration limits count per client address."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    n = next(_visitors)
    opener.addheaders = [("X-Forwarded-For", f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}")]
    started = time.perf_counter()
    html = opener.open(base + FORM, timeout=60).read().decode()
    elapsed = time.perf_counter() - started
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)"', html))
    if set(fields) != {"csrfmiddlewaretoken", "idempotency_key"}:
        raise SystemExit(f"the form has not its two hidden fields: {sorted(fields)}")
    return opener, fields, elapsed


def summary(count: int, elapsed: float, latencies: list[float], name: str) -> dict:
    latencies = sorted(latencies)
    return {
        f"{name}_per_second": round(count / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000, 1),
    }


def post(base, opener, fields, number, role_id):
    body = urllib.parse.urlencode(
        {
            **fields,
            "name": f"Generert deltakar {number:04d}",
            "email": f"bench{number:04d}@example.invalid",
            "organisation_name": "Generert organisasjon",
            "role": role_id,
        }
    ).encode()
    request = urllib.request.Request(base + FORM, data=body, headers={"Referer": base + FORM})  # noqa: S310
    started = time.perf_counter()
    try:
        opener.open(request, timeout=120)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def burst_of_trivial_requests(base, args) -> dict:
    """The anchor: the same number of requests from the same clients for a view that does
    nothing, through the same server and middleware."""

    def get(_):
        started = time.perf_counter()
        urllib.request.urlopen(base + TRIVIAL, timeout=60).read()  # noqa: S310
        return time.perf_counter() - started

    with ThreadPoolExecutor(args.clients) as pool:
        started = time.perf_counter()
        latencies = sorted(pool.map(get, range(args.attempts)))
        elapsed = time.perf_counter() - started
    return {
        "requests_per_second": round(args.attempts / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=230)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--mail",
        choices=TASK_BACKENDS,
        default="queued",
        help="request: e-mail built and sent in the request (immediate task backend); queued: "
        "the task is queued on commit and not run (what stays in the request when a worker "
        "sends the mail); database: production's queue, a row in the registration's "
        "transaction (django-tasks-db; no worker runs during the burst)",
    )
    parser.add_argument(
        "--anchor", action="store_true", help="also time --attempts GETs of a trivial view"
    )
    parser.add_argument(
        "--readers",
        type=int,
        default=16,
        help="threads opening the form as new visitors while the registrations are posted",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()

    tmp = Path(tempfile.mkdtemp(prefix="byregion-bench-"))
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    if postgres:
        import psycopg

        db = dj_database_url.parse(url)
        name = f"{db['NAME']}_bench"
        params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"],
                  "password": db["PASSWORD"]}  # fmt: skip
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = url.rsplit("/", 1)[0] + "/" + name

        def rows(sql):
            with psycopg.connect(dbname=name, **params) as conn:
                return conn.execute(sql).fetchall()
    else:
        path = tmp / "bench.sqlite3"
        url = f"sqlite:///{path}"

        def rows(sql):
            with sqlite3.connect(path) as conn:
                return conn.execute(sql).fetchall()

    env = {**os.environ, "DATABASE_URL": url, "BYREGION_DATA_DIR": str(tmp),
           "SECRET_KEY": "benchmark-only", "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1",
           "SITE_URL": "http://127.0.0.1",  # production's checks allow plain http on loopback
           "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
           "BYREGION_TASKS_BACKEND": TASK_BACKENDS[args.mail]}  # fmt: skip
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    collect_static(env)
    subprocess.run([BIN / "byregion", "migrate", "--noinput", "-v0"], env=env, check=True)
    setup = SETUP.replace("SEATS", str(args.seats))
    subprocess.run([sys.executable, "-c", setup], env=env, check=True)
    role_id = rows("SELECT id FROM registrations_rolecategory ORDER BY id LIMIT 1")[0][0]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [BIN / "byregion", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + FORM, timeout=5)  # noqa: S310
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        # 2,000 people open the form at once (each a new visitor: no cookie yet).
        with ThreadPoolExecutor(args.clients) as pool:
            started = time.perf_counter()
            forms = list(pool.map(lambda _: prepare(base), range(args.attempts)))
            form_burst = summary(
                args.attempts, time.perf_counter() - started, [f[2] for f in forms], "forms"
            )
        gate, done = threading.Event(), threading.Event()

        def attempt(number):
            gate.wait()
            opener, fields, _ = forms[number]
            return post(base, opener, fields, number, role_id)

        def read_forms():
            gate.wait()
            seen = []
            while not done.is_set():
                seen.append(prepare(base)[2])
            return seen

        with ThreadPoolExecutor(args.clients + args.readers) as pool:
            readers = [pool.submit(read_forms) for _ in range(args.readers)]
            futures = [pool.submit(attempt, n) for n in range(args.attempts)]
            started = time.perf_counter()
            gate.set()
            results = [f.result() for f in futures]
            elapsed = time.perf_counter() - started
            done.set()
            read = [latency for reader in readers for latency in reader.result()]
        forms_during = summary(len(read), elapsed, read, "forms") if read else None
        anchor = burst_of_trivial_requests(base, args) if args.anchor else None
    finally:
        server.terminate()
        server.wait(timeout=30)
    counts = dict(rows("SELECT status, COUNT(*) FROM registrations_registration GROUP BY status"))
    latencies = sorted(latency for _, latency in results)
    confirmed = counts.get("confirmed", 0)
    report = {
        "database": "postgresql" if postgres else "sqlite",
        "attempts": args.attempts,
        "seats": args.seats,
        "server": f"{args.workers} workers x {args.threads} threads",
        "clients": args.clients,
        "redirected_302": sum(1 for status, _ in results if status == 302),
        "other_status": sorted({status for status, _ in results if status != 302}),
        "seconds": round(elapsed, 2),
        "registrations_per_second": round(args.attempts / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "confirmed": confirmed,
        "waitlisted": counts.get("waitlisted", 0),
        "stored": sum(counts.values()),
        # With the database queue: the mails waiting for the worker, one per registration.
        "mail_queued": (
            rows(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
                "WHERE task_path LIKE '%.send_registration_email'"
            )[0][0]
            if args.mail == "database"
            else None
        ),
        "oversold": max(confirmed - args.seats, 0),
        "mail": args.mail,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    report["form_opened_by_every_attempt_first"] = form_burst
    if forms_during:
        report[f"form_opened_during_the_posts_by_{args.readers}_more_clients"] = forms_during
    if anchor:
        report["trivial_view"] = anchor
    print(json.dumps(report, indent=2))
    if postgres:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0 if report["oversold"] == 0 and report["stored"] == args.attempts else 1


if __name__ == "__main__":
    sys.exit(main())
