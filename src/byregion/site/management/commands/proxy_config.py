"""`byregion proxy-config`: the nginx configuration for the site, written from the settings.

    byregion proxy-config --out /etc/nginx/byregion --listen 80 --app 127.0.0.1:8000

writes `byregion.conf` (include it from nginx's http block, e.g. a link in
/etc/nginx/sites-enabled/) and `byregion-proxy-headers.conf` beside it. `--standalone` also
writes `nginx.conf`, a whole configuration that runs nginx as the current user with every
path under --out (the tests and benchmarks run it so: `nginx -p DIR -c DIR/nginx.conf`).

Why nginx (docs/operators/proxy.md): Debian ships it with a purge module, it serves the
static files and images from disk itself, and its cache survives restarts on disk.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from byregion.core.addresses import site_host

DATA = Path(__file__).resolve().parents[2] / "data"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

STANDALONE = """# Written by `byregion proxy-config --standalone`: nginx as this user, under {out}.
{load_module}
{user}
worker_processes {workers};
pid {out}/nginx.pid;
error_log {out}/error.log warn;
daemon {daemon};

events {{
    worker_connections 4096;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {access_log};
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {out}/tmp/body;
    proxy_temp_path {out}/tmp/proxy;
    fastcgi_temp_path {out}/tmp/fastcgi;
    uwsgi_temp_path {out}/tmp/uwsgi;
    scgi_temp_path {out}/tmp/scgi;
    include {out}/byregion.conf;
}}
"""


class Command(BaseCommand):
    help = "Write the nginx configuration that serves Byregion (docs/operators/proxy.md)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="folder to write the files into")
        parser.add_argument("--listen", default="80", help="nginx's listen (default 80)")
        parser.add_argument(
            "--app",
            action="append",
            help="an app server's address (repeat for several; default 127.0.0.1:8000)",
        )
        parser.add_argument("--server-name", default=None, help="default: SITE_URL's host")
        parser.add_argument("--cache-dir", default=None, help="default: OUT/cache")
        parser.add_argument("--cache-size", default="2g")
        parser.add_argument(
            "--purge-from",
            action="append",
            help="addresses allowed to purge (default: FORWARDED_ALLOW_IPS)",
        )
        parser.add_argument("--standalone", action="store_true")
        parser.add_argument("--workers", default="auto", help="standalone: worker_processes")
        parser.add_argument("--foreground", action="store_true", help="standalone: daemon off")
        parser.add_argument("--no-access-log", action="store_true", help="standalone")

    def handle(self, *args, **options):
        out = Path(options["out"]).resolve()
        out.mkdir(parents=True, exist_ok=True)
        apps = options["app"] or ["127.0.0.1:8000"]
        purge_from = (
            options["purge_from"]
            or [a for a in settings.FORWARDED_ALLOW_IPS if a != "*"]
            or ["127.0.0.1"]
        )
        server_name = options["server_name"] or site_host()
        cache_dir = Path(options["cache_dir"] or out / "cache")
        values = {
            "cache_dir": cache_dir,
            "cache_zone": "50m",
            "cache_size": options["cache_size"],
            "upstreams": "\n".join(f"    server {app};" for app in apps),
            "listen": options["listen"],
            "server_name": server_name,
            "static_root": Path(settings.STATIC_ROOT).resolve(),
            "media_root": Path(settings.MEDIA_ROOT).resolve(),
            "include_dir": out,
            "purge_allow": "\n".join(f"        allow {a};" for a in purge_from),
        }
        site = _fill((DATA / "nginx-site.conf").read_text(), values)
        (out / "byregion.conf").write_text(site)
        (out / "byregion-proxy-headers.conf").write_text(
            (DATA / "nginx-proxy-headers.conf").read_text()
        )
        written = ["byregion.conf", "byregion-proxy-headers.conf"]
        if options["standalone"]:
            if not PURGE_MODULE.exists():
                raise CommandError(
                    f"{PURGE_MODULE} is missing: install Debian's libnginx-mod-http-cache-purge."
                )
            for folder in ("tmp", "cache"):
                (out / folder).mkdir(exist_ok=True)
            (out / "nginx.conf").write_text(
                STANDALONE.format(
                    out=out,
                    load_module=f"load_module {PURGE_MODULE};",
                    user=_user(),
                    workers=options["workers"],
                    daemon="off" if options["foreground"] else "on",
                    access_log="off" if options["no_access_log"] else f"{out}/access.log",
                )
            )
            written.append("nginx.conf")
        self.stdout.write(f"Wrote {', '.join(written)} in {out}")


def _user() -> str:
    """Started by root, nginx's workers would run as nobody and could not read this user's
    folders: run them as the user who runs this (standalone mode is for tests and
    benchmarks; a server uses Debian's nginx.conf and its www-data)."""
    import grp
    import os
    import pwd

    if os.geteuid() != 0:
        return ""
    return f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"


def _fill(template: str, values: dict) -> str:
    """Replace {name} placeholders only (nginx's own braces stay as they are)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template
