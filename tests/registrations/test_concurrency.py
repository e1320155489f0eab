"""Proof under real concurrency: many clients register at once against a running server.

The server is Byregion's production server (`byregion serve`: gunicorn, 4 worker processes
of 4 threads) on its own database of the kind the suite runs on (SQLite file, or a fresh
PostgreSQL database), so requests really run in parallel in separate processes and
connections. pytest-django's live_server cannot show this on SQLite: its test database is
in memory and the live server's threads share one connection.

20 clients load the form, wait at a barrier and post together for 5 seats; one client
also posts its form twice at the same moment. Every client must get its personal page,
exactly 5 may be confirmed, 15 waitlisted, none lost, and the double post makes one.

Then the gathering's lock is held from outside the server (PostgreSQL: its row FOR UPDATE;
SQLite: the writers' file lock, and separately the database's write lock), and a post must
get "try again" within the server's lock timeout (2 s, `server_settings`) and write nothing.
"""

import fcntl
import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

CLIENTS = 20
SEATS = 5
WORKSHOP_SEATS = 2
BYREGION = Path(sys.executable).with_name("byregion")
ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import datetime as dt, json
import django
django.setup()
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from byregion.gatherings.models import GatheringIndexPage, GatheringPage, Session
from byregion.site.models import HomePage
home = HomePage.objects.first()
if home is None:
    locale, _ = Locale.objects.get_or_create(language_code="nb")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Byregion", slug="home", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "root_page": home, "site_name": "Byregion"})
index = home.add_child(instance=GatheringIndexPage(title="Samlinger", slug="samlinger"))
start = timezone.now() + dt.timedelta(days=30)
gathering = index.add_child(instance=GatheringPage(
    title="Samtidig test", slug="samtidig", start=start, end=start + dt.timedelta(hours=8),
    status="open", capacity=%(seats)d))
session = Session.objects.create(gathering=gathering, title="Verkstad", format="workshop",
    start=start, end=start + dt.timedelta(hours=1), capacity=%(workshop)d)
print(json.dumps({"session": session.pk}))
""".replace("%(seats)d", str(SEATS)).replace("%(workshop)d", str(WORKSHOP_SEATS))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Database:
    """A database of the suite's kind for the server, and plain SQL to read it back."""

    def __init__(self, tmp_path: Path):
        db = settings.DATABASES["default"]
        self.postgres = "postgresql" in db["ENGINE"]
        if self.postgres:
            import psycopg

            self.params = {
                "host": db["HOST"] or "127.0.0.1",
                "port": db["PORT"] or 5432,
                "user": db["USER"],
                "password": db["PASSWORD"],
            }
            self.name = f"test_{db['NAME']}_concurrency"
            with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                conn.execute(f'CREATE DATABASE "{self.name}"')
            p = self.params
            self.url = f"postgres://{p['user']}:{p['password']}@{p['host']}:{p['port']}/{self.name}"
        else:
            self.path = tmp_path / "concurrency.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def rows(self, sql: str) -> list[tuple]:
        if self.postgres:
            import psycopg

            with psycopg.connect(dbname=self.name, **self.params) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql).fetchall()

    def drop(self):
        if self.postgres:
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("concurrency")
    database = Database(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "BYREGION_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tests.registrations.server_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "BYREGION_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",  # production's queue
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "CONN_MAX_AGE": "0",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run([BYREGION, "migrate", "--noinput", "-v0"], env=env, check=True)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True
    )
    session_id = json.loads(setup.stdout.strip().splitlines()[-1])["session"]
    port = free_port()
    server = subprocess.Popen(
        [BYREGION, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "4", "--threads", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/samlinger/samtidig/pamelding/", timeout=5)  # noqa: S310
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"the server did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
    yield base, session_id, database
    server.terminate()
    server.wait(timeout=20)
    database.drop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str, form_url: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        html = self.opener.open(base + form_url, timeout=30).read().decode()
        self.form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)"', html))
        self.form_url = form_url

    def post(self, fields: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({**self.form, **fields}, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310 - http to our own server
            self.base + self.form_url, data=body, headers={"Referer": self.base + self.form_url}
        )
        try:
            response = self.opener.open(request, timeout=60)
            return response.status, ""
        except urllib.error.HTTPError as error:  # 302 arrives here with redirects off
            return error.code, error.headers.get("Location", "")


def test_simultaneous_registrations_never_oversell_nor_lose_one(served):
    base, session_id, database = served
    form_url = "/samlinger/samtidig/pamelding/"
    role_id = database.rows("SELECT id FROM registrations_rolecategory ORDER BY id LIMIT 1")[0][0]
    clients = [Client(base, form_url) for _ in range(CLIENTS)]
    assert all("idempotency_key" in c.form and "csrfmiddlewaretoken" in c.form for c in clients)
    jobs = [(i, clients[i]) for i in range(CLIENTS)] + [(0, clients[0])]  # client 0 posts twice
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(slot, number, client):
        fields = {
            "name": f"Samtidig deltakar {number:02d}",
            "email": f"samtidig{number:02d}@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "role": role_id,
            "sessions": [session_id],
        }
        barrier.wait()
        results[slot] = client.post(fields)

    threads = [
        threading.Thread(target=run, args=(slot, number, client))
        for slot, (number, client) in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert all(status == 302 for status, _ in results), results
    locations = [location for _, location in results]
    assert all(re.search(r"/pamelding/[^/]+/\?new=1$", loc) for loc in locations), locations
    # The double post landed on the same registration as its twin.
    assert locations[0] == locations[-1]
    tokens = {urllib.parse.unquote(loc.split("/")[-2]).rsplit(":", 1)[0] for loc in locations}
    assert len(tokens) == CLIENTS

    rows = database.rows("SELECT status, token FROM registrations_registration")
    assert len(rows) == CLIENTS  # none lost, none doubled
    assert {token for _, token in rows} == tokens  # every client's page is a stored row
    statuses = [status for status, _ in rows]
    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waitlisted") == CLIENTS - SEATS
    confirmed_order = database.rows(
        "SELECT status FROM registrations_registration ORDER BY created, id"
    )
    # The waitlist is in arrival order: the first five stored are the confirmed ones.
    assert [s for (s,) in confirmed_order][:SEATS] == ["confirmed"] * SEATS
    seats = database.rows(
        "SELECT status, COUNT(*) FROM registrations_sessionchoice GROUP BY status ORDER BY status"
    )
    assert dict(seats) == {"confirmed": WORKSHOP_SEATS, "waitlisted": CLIENTS - WORKSHOP_SEATS}


BUSY_NB = "Mange melder seg på akkurat nå. Prøv igjen om litt."


def held_locks(database, gathering_id):
    """Ways the gathering's seat lock can be held by someone else, each a context manager."""
    import contextlib

    if database.postgres:
        import psycopg

        @contextlib.contextmanager
        def row_lock():
            with psycopg.connect(dbname=database.name, **database.params) as conn:
                conn.execute(
                    "SELECT 1 FROM gatherings_gatheringpage WHERE page_ptr_id = %s FOR UPDATE",
                    [gathering_id],
                )
                yield
                conn.rollback()

        return {"row lock": row_lock}

    @contextlib.contextmanager
    def writers_queue():
        fd = os.open(f"{database.path}.seats.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def write_lock():  # another writer, outside the queue (an editor saving a page)
        conn = sqlite3.connect(database.path, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield
            conn.execute("ROLLBACK")
        finally:
            conn.close()

    return {"writers' file lock": writers_queue, "database write lock": write_lock}


def test_a_held_lock_gets_try_again_in_time_and_writes_nothing(served):
    base, _, database = served
    form_url = "/samlinger/samtidig/pamelding/"
    role_id = database.rows("SELECT id FROM registrations_rolecategory ORDER BY id LIMIT 1")[0][0]
    ((gathering_id,),) = database.rows("SELECT page_ptr_id FROM gatherings_gatheringpage")

    def written():
        return [
            database.rows(f"SELECT COUNT(*) FROM {table}")[0][0]  # noqa: S608 - our names
            for table in (
                "registrations_registration",
                "registrations_sessionchoice",
                "wagtailcore_modellogentry",
                "django_tasks_database_dbtaskresult",
            )
        ]

    for number, (what, held) in enumerate(held_locks(database, gathering_id).items()):
        client = Client(base, form_url)
        fields = {
            "name": f"Ventande deltakar {number}",
            "email": f"ventande{number}@example.invalid",
            "organisation_name": "Testorganisasjonen",
            "role": role_id,
        }
        before = written()
        body = urllib.parse.urlencode({**client.form, **fields}).encode()
        request = urllib.request.Request(  # noqa: S310 - http to our own server
            base + form_url, data=body, headers={"Referer": base + form_url}
        )
        with held():
            started = time.monotonic()
            with pytest.raises(urllib.error.HTTPError) as refused:
                client.opener.open(request, timeout=30)
            waited = time.monotonic() - started
        assert refused.value.code == 503, what
        assert refused.value.headers["Retry-After"] == "5"
        html = refused.value.read().decode()
        assert BUSY_NB in html and f'value="Ventande deltakar {number}"' in html, what
        assert 2 <= waited < 2 + 5, (what, waited)
        assert written() == before, what
        # Let go, and the same form goes through.
        assert client.post(fields)[0] == 302, what
        assert written()[0] == before[0] + 1, what
