"""The gathering page's "Registration" line follows the clock, through the page cache
(issue 16, item 4): it said "opens 1 November 2026" after that day had passed."""

import pytest
from bs4 import BeautifulSoup

from tests.clock import moving_clock

from .conftest import make_gathering, make_index, oslo

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return moving_clock(monkeypatch, oslo(2026, 10, 20, 12, 0))


def registration_line(client, url) -> str:
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    term = next(dt_ for dt_ in soup.find_all("dt") if dt_.get_text(strip=True) == "Påmelding")
    return " ".join(term.find_next_sibling("dd").get_text(" ").split())


def test_the_line_follows_the_clock_through_the_cache(client, clock):
    gathering = make_gathering(
        make_index(),
        "haustsamling",
        start=oslo(2026, 12, 1, 9, 0),
        end=oslo(2026, 12, 2, 15, 0),
        registration_opens=oslo(2026, 11, 1, 9, 0),
        registration_closes=oslo(2026, 11, 20, 12, 0),
    )
    url = gathering.url
    assert (
        registration_line(client, url)
        == "åpner 1. november 2026, frist 20. november 2026 kl. 12.00"
    )
    assert registration_line(client, url) == registration_line(client, url)  # from the cache
    clock.advance(days=12)  # 1 November has passed
    line = registration_line(client, url)
    assert "åpner" not in line
    assert line == "åpen, frist 20. november 2026 kl. 12.00"
    clock.advance(days=20)  # the deadline has passed
    assert registration_line(client, url) == "stengt 20. november 2026 kl. 12.00"


def test_opening_without_a_deadline(client, clock):
    gathering = make_gathering(
        make_index(),
        "vintersamling",
        start=oslo(2027, 2, 1, 9, 0),
        end=oslo(2027, 2, 1, 15, 0),
        registration_opens=oslo(2026, 11, 1, 9, 0),
    )
    assert registration_line(client, gathering.url) == "åpner 1. november 2026"
    clock.advance(days=12)
    assert registration_line(client, gathering.url) == "åpen"
