"""Reminders before gatherings and follow-ups after them (`registrations.reminders`): safe
to run every few minutes, from several servers at once."""

from django.core.management.base import BaseCommand

from byregion.registrations import reminders


class Command(BaseCommand):
    help = (
        "Send the reminders and follow-ups that have fallen due (each at most once), and "
        "try again those a mail server refused earlier."
    )

    def handle(self, *args, **options):
        counts = reminders.run()
        self.stdout.write(
            f"Owed {counts['owed']} new; sent {counts['sent']}, failed {counts['failed']} "
            f"(tried again later), skipped {counts['skipped']} (cancelled or moved since)."
        )
