"""`byregion demo`: migrate, load the demo content, make an admin login, serve the site."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from byregion.demo.content import load_all

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Set up the demo site on this machine and serve it on 127.0.0.1 (port from PORT)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="set up only; do not start the server"
        )

    def handle(self, *args, no_serve=False, **options):
        self.stdout.write("Migrating the database ...")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading demo content ...")
        load_all(self.stdout)
        self.ensure_admin()
        if no_serve:
            return
        port = os.environ.get("PORT", "8000")
        call_command("serve", bind=f"127.0.0.1:{port}")

    def ensure_admin(self):
        User = get_user_model()
        with transaction.atomic():
            if User.objects.filter(username=ADMIN_USERNAME).exists():
                self.stdout.write(
                    f"Admin login: user '{ADMIN_USERNAME}' exists already (its password was "
                    f"printed when it was made; `byregion changepassword {ADMIN_USERNAME}` "
                    "sets a new one)."
                )
                return
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(ADMIN_USERNAME, "admin@localhost", password)
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login, shown this once: http://127.0.0.1:{port}/admin/  "
                f"user '{ADMIN_USERNAME}', password '{password}'"
            )
        )
