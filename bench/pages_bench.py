"""Pages per second: uncached, from the in-app page cache, through the shipped proxy, and
nginx serving the same bytes from disk: side by side in one run, with ratios.

    .venv/bin/python bench/pages_bench.py [--seconds 5] [--connections 16] [--workers 2]
    .venv/bin/python bench/pages_bench.py --scale 1000 10000 100000 [--repeat 20]

The second form measures instead how the uncached latency of the article, the news index
(pages 1 and 100), the home page, the feed and the sitemap grows with the number of
published articles (generated rows, titled as generated: scale_articles.py).

Needs wrk, nginx and libnginx-mod-http-cache-purge (Debian's packages); Redis is measured
too when `redis-server` is installed. Sets up the demo content on SQLite in a temporary
folder with production's settings (bench_settings.py), then starts, each with
`byregion serve --workers N`:

- app "uncached": BYREGION_PAGE_CACHE=false, every request rendered;
- app "file cache": the embedded default (a folder shared by the workers);
- app "database cache": Django's database cache in the same SQLite file (the other
  candidate Django ships for a cache shared by the workers of one machine);
- app "redis cache": CACHE_URL=redis://, when redis-server is installed;
- nginx (2 workers) from `byregion proxy-config` in front of the file-cache app, and serving
  a copy of each page's bytes as a static file (the anchor);
- with `--before COMMIT`: that commit of the project (a git worktree, its own demo data),
  every request rendered, the rate the issue calls "today's", measured in the same run.

Each figure is wrk's requests per second over --seconds with --connections connections,
after one warm-up request. The load average before and after is printed with the figures.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = {
    "article": "/nyheter/alesund-kommune/byregionsamling-i-alesund/",
    "home": "/",
    "news index": "/nyheter/",
    # Never kept (its CSRF token is the visitor's own): every request renders it.
    "registration form": "/samlinger/eksempel-regional-samling-2027/pamelding/",
}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def wrk(url: str, seconds: int, connections: int, header: str = "") -> float:
    urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 (warm-up, loopback)
    extra = ["-H", header] if header else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers\n{out}")
    return float(found.group(1))


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().split(" ")[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--scale",
        nargs="*",
        type=int,
        help="instead: uncached latency at these numbers of articles (e.g. 1000 10000 100000)",
    )
    parser.add_argument("--repeat", type=int, default=20, help="--scale: requests per page")
    parser.add_argument(
        "--before", metavar="COMMIT", help="also serve this commit uncached, as the anchor"
    )
    options = parser.parse_args()
    if options.scale:
        scale(sorted(options.scale), options.repeat)
        return

    folder = Path(tempfile.mkdtemp(prefix="byregion-pages-bench-"))
    processes = []
    nginx_dir = folder / "nginx"
    redis = shutil.which("redis-server")
    try:
        proxy_port = free_port()
        base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
        base_env.update(
            BYREGION_DATA_DIR=str(folder / "data"),
            DJANGO_SETTINGS_MODULE="bench_settings",
            PYTHONPATH=str(HERE),
            SECRET_KEY=secrets.token_urlsafe(40),
            DEBUG="false",
            SITE_URL=f"http://127.0.0.1:{proxy_port}",
            ALLOWED_HOSTS="127.0.0.1",
            EMAIL_HOST="localhost",
            LOG_LEVEL="WARNING",
        )

        def byregion(*args, env=None):
            subprocess.run(
                [sys.executable, "-m", "byregion", *args],
                env=env or base_env,
                check=True,
                capture_output=True,
            )

        print("setting up the demo content ...", flush=True)
        byregion("demo", "--no-serve")
        before_env = None
        if options.before:
            tree = folder / "before"
            git = ["git", "-C", str(HERE.parent), "worktree"]
            subprocess.run([*git, "add", "--detach", str(tree), options.before],
                           check=True, capture_output=True)  # fmt: skip
            before_env = {
                **base_env,
                "BYREGION_DATA_DIR": str(folder / "before-data"),
                "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{HERE}",
            }
            byregion("demo", "--no-serve", env=before_env)
            byregion("collectstatic", "--noinput", "-v", "0", env=before_env)
        byregion("collectstatic", "--noinput", "-v", "0")
        byregion("createcachetable", env={**base_env, "BENCH_DATABASE_CACHE": "1"})

        apps = {
            "uncached": {"BYREGION_PAGE_CACHE": "false"},
            "file cache": {},
            "database cache": {"BENCH_DATABASE_CACHE": "1"},
        }
        if redis:
            redis_port = free_port()
            processes.append(
                subprocess.Popen(
                    [redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            apps["redis cache"] = {"CACHE_URL": f"redis://127.0.0.1:{redis_port}/0"}
        # A second app server on the same data, behind the proxy only: the production shape
        # (proxy -> N app servers sharing the database and the cache) on one machine.
        apps["second server"] = {}
        if before_env:
            apps = {f"before ({options.before})": before_env, **apps}
        ports = {}
        for name, extra in apps.items():
            port = ports[name] = free_port()
            env = {**base_env, **extra}
            if name in ("file cache", "second server"):
                env["BYREGION_PROXY_PURGE_URLS"] = f"http://127.0.0.1:{proxy_port}"
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "byregion",
                        "serve",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(options.workers),
                    ],
                    env=env,
                    stdout=open(folder / f"{name.replace(' ', '-')}.log", "w"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                )
            )
        byregion(
            "proxy-config", "--out", str(nginx_dir), "--listen", f"127.0.0.1:{proxy_port}",
            "--app", f"127.0.0.1:{ports['file cache']}",
            "--app", f"127.0.0.1:{ports['second server']}", "--standalone", "--workers", "2",
            "--no-access-log",
        )  # fmt: skip
        subprocess.run([NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf")],
                       check=True)  # fmt: skip
        for name, port in ports.items():
            try:
                wait_for(f"http://127.0.0.1:{port}/")
            except RuntimeError:
                log = folder / f"{name.replace(' ', '-')}.log"
                raise SystemExit(f"{name} did not start:\n{log.read_text()[-3000:]}") from None
        wait_for(f"http://127.0.0.1:{proxy_port}/")

        # The anchor: the same bytes as a static file nginx sends from disk.
        static = folder / "data" / "static" / "bench"
        static.mkdir(parents=True, exist_ok=True)
        for name, path in PAGES.items():
            body = urllib.request.urlopen(f"http://127.0.0.1:{ports['file cache']}{path}").read()
            (static / f"{name.replace(' ', '-')}.html").write_bytes(body)

        print(f"load average before: {loadavg()}", flush=True)
        rows = []
        for name, path in PAGES.items():
            row = {"page": name}
            for app, port in ports.items():
                if app == "second server":
                    continue
                row[app] = wrk(f"http://127.0.0.1:{port}{path}", options.seconds,
                               options.connections)  # fmt: skip
            row["proxy"] = wrk(f"http://127.0.0.1:{proxy_port}{path}", options.seconds,
                               options.connections)  # fmt: skip
            # Past both caches (a session cookie): rendered by the two servers in turn.
            row["proxy, 2 servers, uncached"] = wrk(
                f"http://127.0.0.1:{proxy_port}{path}",
                options.seconds,
                options.connections,
                header="Cookie: sessionid=bench",
            )
            static_url = f"http://127.0.0.1:{proxy_port}/static/bench/{name.replace(' ', '-')}.html"
            row["nginx, same bytes"] = wrk(static_url, options.seconds, options.connections)
            rows.append(row)
            print(row, flush=True)
        print(f"load average after: {loadavg()}", flush=True)
        for name in ("file cache", "second server"):
            log = (folder / f"{name.replace(' ', '-')}.log").read_text()
            print(f"requests that reached {name}: {log.count(' HTTP/1.')}", flush=True)

        columns = [c for c in rows[0] if c != "page"]
        print()
        print("| page | " + " | ".join(columns) + " |")
        print("| --- |" + " --- |" * len(columns))
        for row in rows:
            cells = [f"{row[c]:,.0f}" for c in columns]
            print(f"| {row['page']} | " + " | ".join(cells) + " |")
        print()
        before = f"before ({options.before})" if options.before else None
        print(
            "| page | uncached ÷ before | file cache ÷ uncached | proxy ÷ nginx same bytes "
            "| db ÷ file cache |"
        )
        print("| --- | --- | --- | --- | --- |")
        for row in rows:
            ratio = f"{row['uncached'] / row[before]:.2f}x" if before else "-"
            print(
                f"| {row['page']} | {ratio} | {row['file cache'] / row['uncached']:.1f}x | "
                f"{row['proxy'] / row['nginx, same bytes']:.2f}x | "
                f"{row['database cache'] / row['file cache']:.2f}x |"
            )
    finally:
        if (nginx_dir / "nginx.conf").exists():
            subprocess.run([NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf"),
                            "-s", "stop"], check=False)  # fmt: skip
        for process in processes:
            process.terminate()
        if options.before:
            subprocess.run(["git", "-C", str(HERE.parent), "worktree", "remove", "--force",
                            str(folder / "before")], check=False, capture_output=True)  # fmt: skip
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


# -- latency as the number of articles grows -------------------------------------------------

SCALE_PAGES = {
    "article": "/nyheter/alesund-kommune/byregionsamling-i-alesund/",
    "news index, page 1": "/nyheter/",
    "news index, page 100": "/nyheter/?page=100",
    "home": "/",
    "feed": "/feed/nyheter/atom/",
    "sitemap": "/sitemap.xml",
}


def scale(sizes: list[int], repeat: int) -> None:
    """Uncached latency (the page cache off, rendered in this process with Django's test
    client and production's settings) at each number of published articles."""
    import statistics

    folder = Path(tempfile.mkdtemp(prefix="byregion-scale-bench-"))
    os.environ.update(
        BYREGION_DATA_DIR=str(folder),
        DJANGO_SETTINGS_MODULE="bench_settings",
        SECRET_KEY=secrets.token_urlsafe(40),
        DEBUG="false",
        ALLOWED_HOSTS="testserver",
        EMAIL_HOST="localhost",
        BYREGION_PAGE_CACHE="false",
        LOG_LEVEL="ERROR",
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(HERE))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from scale_articles import add_articles

    from byregion.demo.content import load_all
    from byregion.news.models import NewsArticlePage

    try:
        call_command("migrate", verbosity=0)
        load_all(open(os.devnull, "w"))  # noqa: SIM115
        client = Client()
        results = {}
        for size in sizes:
            have = NewsArticlePage.objects.live().count()
            if size > have:
                add_articles(size - have)
            print(f"{size:,} articles, load average {loadavg()}", flush=True)
            for name, url in SCALE_PAGES.items():
                timings = []
                for i in range(repeat + 2):
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"{url}: {response.status_code}")
                    if i >= 2:  # two warm-up requests
                        timings.append(elapsed)
                results[(name, size)] = statistics.median(timings)
        print()
        print(
            "| page | " + " | ".join(f"{s:,} articles" for s in sizes) + " | largest ÷ smallest |"
        )
        print("| --- |" + " --- |" * (len(sizes) + 1))
        for name in SCALE_PAGES:
            cells = [f"{results[(name, s)]:.1f} ms" for s in sizes]
            ratio = results[(name, sizes[-1])] / results[(name, sizes[0])]
            print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f}x |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
