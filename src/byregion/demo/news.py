"""The demo's news: public facts only, or visibly marked as generated."""


def load() -> None:
    """Idempotent: a second run changes nothing."""
