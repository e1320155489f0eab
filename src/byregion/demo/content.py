"""The demo's content: public facts only, or visibly marked as generated.

Each part has an idempotent `load()`; `load_all()` runs them in dependency order inside one
transaction, so a failed seed leaves the database as it was and a second run changes
nothing.
"""

from django.db import transaction
from wagtail.models import Site

from byregion.demo import (
    gatherings,
    knowledge,
    networks,
    news,
    organisations,
    registrations,
    themes,
)
from byregion.indicators.ssb import import_shipped as import_statistics
from byregion.organisations.models import Organisation
from byregion.places.klass import import_snapshot
from byregion.search.index import rebuild
from byregion.site.models import SiteChrome


def set_operator() -> None:
    """The footer shows the network operator: Distriktssenteret ran the learning network."""
    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))
    operator = Organisation.objects.get(name="Distriktssenteret")
    if chrome.operator_id != operator.pk:
        chrome.operator = operator
        chrome.save(update_fields=["operator"])


def index_for_search() -> None:
    """Rewrite the search index from everything loaded: publishing indexes as it goes, but
    a database loaded before the search app (or restored from a dump) has gaps."""
    rebuild()


def load_all(stdout=None) -> None:
    steps = [
        ("places (KLASS snapshot)", import_snapshot),
        ("organisations", organisations.load),
        ("themes", themes.load),
        ("networks", networks.load),
        ("statistics (Statistics Norway, tables 07459 and 03321)", import_statistics),
        ("gatherings", gatherings.load),
        ("registrations (230 generated, Ålesund)", registrations.load),
        ("registration desk (Distriktssenteret)", registrations.registration_desk),
        ("evaluations (generated answers, Ålesund and Haugesund 2017)", registrations.evaluations),
        ("news", news.load),
        ("knowledge", knowledge.load),
        ("site settings", set_operator),
        ("search index", index_for_search),
    ]
    with transaction.atomic():
        for label, load in steps:
            load()
            if stdout is not None:
                stdout.write(f"  loaded {label}")
