"""The shipped reverse proxy, for real: nginx from Debian's packages on loopback, configured
by `byregion proxy-config`, in front of `byregion serve` with the demo content (production
settings). A copy it keeps never reaches the app; a publish purges it within a second.

Needs Debian's nginx and libnginx-mod-http-cache-purge (CI installs them); without them the
test is skipped, unless BYREGION_REQUIRE_PROXY_TEST is set (CI sets it), when it fails.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from byregion.site.management.commands.proxy_config import PURGE_MODULE

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ARTICLE = "/nyheter/alesund-kommune/byregionsamling-i-alesund/"
REQUIRED = bool(os.environ.get("BYREGION_REQUIRE_PROXY_TEST"))

if not (Path(NGINX).exists() and PURGE_MODULE.exists()) and not REQUIRED:
    pytest.skip("nginx with the purge module is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _byregion(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "byregion", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (loopback)
            return answer.status, dict(answer.headers), answer.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def _wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proxy")
    proxy_port, app_port = _free_port(), _free_port()
    site = f"http://127.0.0.1:{proxy_port}"
    unset = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        BYREGION_DATA_DIR=str(folder / "data"),
        SECRET_KEY=secrets.token_urlsafe(40),
        DEBUG="false",
        SITE_URL=site,
        ALLOWED_HOSTS="127.0.0.1",
        EMAIL_HOST="localhost",
        SECURE_SSL_REDIRECT="false",
        BYREGION_PROXY_PURGE_URLS=site,
        PORT=str(app_port),
    )
    _byregion(env, "demo", "--no-serve")
    _byregion(env, "collectstatic", "--noinput", "-v", "0")
    nginx_dir = folder / "nginx"
    _byregion(
        env,
        "proxy-config",
        "--out", str(nginx_dir),
        "--listen", f"127.0.0.1:{proxy_port}",
        "--app", f"127.0.0.1:{app_port}",
        "--standalone",
        "--workers", "1",
    )  # fmt: skip
    app_log = open(folder / "app.log", "w")  # noqa: SIM115 (closed at teardown)
    app = subprocess.Popen(
        [sys.executable, "-m", "byregion", "serve", "--bind", f"127.0.0.1:{app_port}",
         "--workers", "2"],
        env=env, stdout=app_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    conf = nginx_dir / "nginx.conf"
    subprocess.run([NGINX, "-p", str(nginx_dir), "-c", str(conf)], check=True, timeout=30)
    try:
        _wait_for(f"http://127.0.0.1:{app_port}/")
        _wait_for(site + "/")
        yield {"site": site, "env": env, "app_log": folder / "app.log", "nginx": nginx_dir}
    finally:
        subprocess.run([NGINX, "-p", str(nginx_dir), "-c", str(conf), "-s", "stop"], timeout=30)
        app.terminate()
        app.wait(timeout=30)
        app_log.close()


def _app_requests(stack, path) -> int:
    """How many requests for `path` reached the app (gunicorn's access log)."""
    return sum(f'"GET {path} ' in line for line in stack["app_log"].read_text().splitlines())


def test_a_kept_copy_never_reaches_the_app(stack):
    url = stack["site"] + ARTICLE
    status, headers, _ = _get(url)
    assert status == 200
    # gunicorn writes its access log line after the answer: wait for it.
    deadline = time.monotonic() + 10
    while (reached := _app_requests(stack, ARTICLE)) < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert reached >= 1
    for _ in range(5):
        status, headers, body = _get(url)
        assert status == 200 and headers["X-Proxy-Cache"] == "HIT"
    assert "Byregionsamling" in body
    time.sleep(1)  # the access log is written after the answer
    assert _app_requests(stack, ARTICLE) == reached
    # Nothing only the app or the proxy should see comes out.
    assert "X-Accel-Expires" not in headers
    assert "Vary" not in headers or "Cookie" not in headers["Vary"]


def test_a_publish_purges_the_page_within_a_second(stack):
    url = stack["site"] + ARTICLE
    _get(url)
    assert _get(url)[1]["X-Proxy-Cache"] == "HIT"
    _byregion(
        stack["env"],
        "shell",
        "-c",
        "from byregion.news.models import NewsArticlePage\n"
        "page = NewsArticlePage.objects.get(slug='byregionsamling-i-alesund')\n"
        "page.title = 'Byregionsamling i Ålesund, retta'\n"
        "page.save_revision().publish()\n",
    )
    published = time.monotonic()
    while True:
        body = _get(url)[2]
        if "Byregionsamling i Ålesund, retta" in body:
            break
        assert time.monotonic() - published < 1.0, "the proxy still served the old page"
        time.sleep(0.05)
    # The home page and the news list named the article too: purged as well.
    assert "Byregionsamling i Ålesund, retta" in _get(stack["site"] + "/nyheter/")[2]


def test_static_files_and_images_come_from_disk(stack):
    body = _get(stack["site"] + ARTICLE)[2]
    css = next(
        part.split('"')[0] for part in body.split('href="')[1:] if part.startswith("/static/")
    )
    assert _get(stack["site"] + css)[0] == 200
    time.sleep(1)
    assert _app_requests(stack, css) == 0
    image = next(
        part.split('"')[0] for part in body.split('src="')[1:] if part.startswith("/media/images/")
    )
    assert _get(stack["site"] + image)[0] == 200
    assert _app_requests(stack, image) == 0
    # Documents are not files on a public path: they go through their view.
    assert _get(stack["site"] + "/media/documents/anything.pdf")[0] == 404


def test_an_editor_is_not_served_from_the_copy(stack):
    url = stack["site"] + ARTICLE
    _get(url)
    _status, headers, _ = _get(url, {"Cookie": "sessionid=abc"})
    assert headers["X-Proxy-Cache"] == "BYPASS"
    assert "private" in headers["Cache-Control"]
