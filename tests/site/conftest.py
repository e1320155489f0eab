import pytest
from bs4 import BeautifulSoup
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in Bokmål: a request leaves its language active in the thread."""
    translation.activate("nb")
    yield
    translation.deactivate()


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")
