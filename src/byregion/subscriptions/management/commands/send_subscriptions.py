"""The subscriptions' scheduled job (`subscriptions.digests.run`): safe to run every few
minutes, from several servers at once."""

from django.core.management.base import BaseCommand

from byregion.subscriptions import digests


class Command(BaseCommand):
    help = (
        "Queue the subscription mails that are due (immediate, daily, weekly; each item at "
        "most once to each subscriber), queue again those a mail server refused earlier, "
        "and delete subscriptions left unconfirmed for a week."
    )

    def handle(self, *args, **options):
        counts = digests.run()
        self.stdout.write(
            f"Pruned {counts['pruned']} unconfirmed; queued again {counts['requeued']}; "
            f"planned {counts['mails']} new mails in {counts['batches']} batches."
        )
