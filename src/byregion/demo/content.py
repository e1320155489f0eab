"""The demo's content: public facts only, or visibly marked as generated.

Each part has an idempotent `load()`; `load_all()` runs them in dependency order inside one
transaction, so a failed seed leaves the database as it was and a second run changes
nothing.
"""

from django.db import transaction

from byregion.places.klass import import_snapshot


def load_all(stdout=None) -> None:
    from byregion.demo import organisations

    steps = [
        ("places (KLASS snapshot)", import_snapshot),
        ("organisations", organisations.load),
    ]
    with transaction.atomic():
        for label, load in steps:
            load()
            if stdout is not None:
                stdout.write(f"  loaded {label}")
