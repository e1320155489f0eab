"""The demo's regions (tests/networks' fixture) with the shipped figures imported."""

import pytest
from django.utils import translation

from byregion.indicators.ssb import import_shipped
from tests.networks.conftest import demo_networks, regions, timeline  # noqa: F401


@pytest.fixture
def figures(demo_networks):  # noqa: F811
    import_shipped()


@pytest.fixture
def english():
    """Messages and notes in English (the tests' default language is Bokmål)."""
    with translation.override("en"):
        yield
