"""Retention, run daily by production: erase needs of ended gatherings, anonymise old ones."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from byregion.registrations.privacy import purge


class Command(BaseCommand):
    help = (
        "Erase dietary and accessibility needs of gatherings that have ended, and anonymise "
        "registrations of gatherings that ended more than the retention period ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: BYREGION_REGISTRATION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.BYREGION_REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError(f"--days: {days} is negative; give 0 or more days")
        result = purge(retention_days=days)
        self.stdout.write(
            f"Erased needs on {result['needs_erased']} registration(s); anonymised "
            f"{result['anonymised']} registration(s) of gatherings ended over {days} days ago."
        )
