"""The demo's networks: public facts only, or visibly marked as generated."""


def load() -> None:
    """Idempotent: a second run changes nothing."""
