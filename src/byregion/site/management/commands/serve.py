"""`byregion serve`: the production server, gunicorn on the WSGI application.

Gunicorn's sync workers are the plain, well-understood choice for a server-rendered site
behind a reverse proxy; the number of workers defaults to 2 x cores + 1 (gunicorn's own
advice) and static files are served by whitenoise from the collected, compressed and
fingerprinted files (run `byregion collectstatic --noinput` at deploy time).
"""

import multiprocessing
import os

from django.conf import settings
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from byregion.site import checks


class Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from byregion.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve Byregion with gunicorn (production)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}"),
            help="address:port to listen on (default from BIND, else 127.0.0.1:$PORT)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)),
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", "1"))
        )

    def handle(self, *args, bind, workers, threads, **options):
        # Only production's settings checks: a server that would leak personal links does
        # not start (site/checks.py); the rest are `byregion check`'s and migrate's.
        self.check(tags=[checks.TAG])
        self.stdout.write(f"Serving Byregion on http://{bind}/ with {workers} workers")
        Server(
            {
                "bind": bind,
                "workers": workers,
                "threads": threads,
                "accesslog": "-",
                "timeout": 60,
                "graceful_timeout": 20,
                "forwarded_allow_ips": ",".join(settings.FORWARDED_ALLOW_IPS),
            }
        ).run()
