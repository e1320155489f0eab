"""Subscription digests: one run of the scheduled job for many subscribers and new items.

    .venv/bin/python bench/digests.py [--subscribers 10000] [--items 50] [--batch 200]

Builds a fresh SQLite database in a temporary folder (or, with DATABASE_URL, uses that
server), publishes `--items` news articles (each recorded as an item, as publishing does),
makes `--subscribers` confirmed "immediate" subscriptions (a third filtered by region, a
third by language, the rest wanting everything; half in Bokmål, a quarter each in Nynorsk
and English), then runs `digests.run()`: it plans every mail (one row each), queues one task
per batch, and each task builds its batch's mails (text and HTML parts, headers, the whole
MIME message serialised as it would go to the server) and hands them to a mail backend
that counts them and throws them away (no SMTP server: the target is "builds and queues").
Tasks run in the process (django-tasks' immediate backend), so the figures include both
the planning and the building.

Three runs from the same starting state: timed at `--batch` without memory tracing; then
peak traced Python memory (tracemalloc) at `--batch` and at twice `--batch`. Settings are
production's (DEBUG off, which keeps no list of queries).
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COUNTED = {"messages": 0, "bytes": 0}


class CountingBackend:
    """A mail backend that serialises each message (as SMTP would) and drops it."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return False

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send_messages(self, messages):
        for message in messages:
            COUNTED["bytes"] += len(message.message().as_bytes())
            COUNTED["messages"] += 1
        return len(messages)


def setup(args) -> None:
    folder = tempfile.mkdtemp(prefix="byregion-digests-bench-")
    os.environ.setdefault("BYREGION_DATA_DIR", folder)
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-bench-only-secret-key")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("SITE_URL", "https://byregion.example")
    os.environ["CACHE_URL"] = "locmem://bench"
    os.environ["EMAIL_BACKEND"] = "__main__.CountingBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "byregion.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def content(args) -> None:
    from wagtail.models import Locale, Page, Site
    from wagtail.rich_text import RichText

    from byregion.networks.models import Region
    from byregion.news.models import NewsArticlePage, NewsIndexPage, NewsSectionPage
    from byregion.organisations.models import Organisation
    from byregion.site.models import HomePage
    from byregion.subscriptions.models import Item, Subscription

    home = HomePage.objects.first()
    if home is None:
        locale, _ = Locale.objects.get_or_create(language_code="nb")
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Byregion", slug="home", locale=locale)
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "Byregion"},
        )
    index = home.add_child(instance=NewsIndexPage(title="Nyheter", slug="nyheter"))
    organisation = Organisation.objects.create(name="Benchmark (generert)", slug="bench")
    section = index.add_child(
        instance=NewsSectionPage(title="Bench", slug="bench", organisation=organisation)
    )
    regions = [
        Region.objects.create(name=f"Region {n} (generert)", slug=f"region-{n}") for n in range(5)
    ]
    for n in range(args.items):
        article = section.add_child(
            instance=NewsArticlePage(
                title=f"Generert sak {n}: ny plan for hamna og sentrum",
                lead="Ein generert ingress på om lag tretti ord, slik ei vanleg nyheit har, "
                "om planar, vedtak og kva kommunane i regionen har lært av kvarandre.",
                body=[("paragraph", RichText("<p>Brødtekst.</p>"))],
                language=("nb", "nn")[n % 2],
                live=False,
            )
        )
        article.regions.set([regions[n % len(regions)]])
        article.save_revision().publish()
    assert Item.objects.count() == args.items, "each publication records one item"
    languages = ["nb", "nb", "nn", "en"]
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"subscriber{n}@bench.invalid",
                language=languages[n % 4],
                frequency="immediate",
                region_ids=[regions[n % len(regions)].pk] if n % 3 == 0 else [],
                content_languages=["nn"] if n % 3 == 1 else [],
                confirmed_at=django_now(),
                token=f"bench-token-{n}",
            )
            for n in range(args.subscribers)
        ],
        batch_size=1000,
    )


def django_now():
    from django.utils import timezone

    return timezone.now()


def reset() -> None:
    from byregion.subscriptions.models import DigestMail, Subscription

    DigestMail.objects.all().delete()
    Subscription.objects.update(sent_up_to=0, last_digest_at=None)
    COUNTED.update(messages=0, bytes=0)


def run_once(batch: int, trace: bool) -> dict:
    import datetime as dt

    from django.test import override_settings

    from byregion.subscriptions import digests
    from byregion.subscriptions.models import DigestMail

    reset()
    later = django_now() + dt.timedelta(minutes=5)  # past the items' settling time
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with override_settings(BYREGION_SUBSCRIPTION_BATCH_SIZE=batch):
        counts = digests.run(later)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    sent = DigestMail.objects.filter(sent_at__isnull=False).count()
    return {
        "batch": batch,
        "seconds": elapsed,
        "peak_mib": peak / 2**20 if peak is not None else None,
        "planned": counts["mails"],
        "batches": counts["batches"],
        "built": COUNTED["messages"],
        "marked_sent": sent,
        "avg_kib": COUNTED["bytes"] / max(1, COUNTED["messages"]) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    print("load before:", os.getloadavg())
    setup(args)
    started = time.perf_counter()
    content(args)
    print(f"content: {args.items} items, {args.subscribers} subscribers "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    for batch, trace in ((args.batch, False), (args.batch, True), (2 * args.batch, True)):
        result = run_once(batch, trace)
        peak = f"{result['peak_mib']:.1f} MiB" if trace else "(not traced)"
        print(
            f"batch {batch:>5}: {result['seconds']:6.1f} s, peak {peak}; planned "
            f"{result['planned']} mails in {result['batches']} batches, built "
            f"{result['built']} (avg {result['avg_kib']:.1f} KiB), marked sent "
            f"{result['marked_sent']}"
        )
    print("load after:", os.getloadavg())


if __name__ == "__main__":
    main()
