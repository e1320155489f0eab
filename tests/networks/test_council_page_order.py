"""A council's page puts its coming meetings near the top, before the charts and tables
(issue 16, item 13): what a visitor most often comes for is the next meeting."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from byregion.networks.models import Council, Meeting

pytestmark = pytest.mark.django_db


def test_upcoming_meetings_come_right_after_the_facts_and_before_the_charts(client, demo_networks):
    council = Council.objects.get(slug="radet-for-region-alesund")
    start = timezone.now() + dt.timedelta(days=14)
    Meeting.objects.create(
        council=council, title="Neste møte", start=start, end=start + dt.timedelta(hours=2)
    )

    soup = BeautifulSoup(client.get(council.get_absolute_url()).content, "html.parser")
    headings = [h["id"] for h in soup.select("main h2[id]")]

    assert headings[0] == "upcoming", headings
    assert headings.index("upcoming") < headings.index("composition") < headings.index("members")
    assert headings[-1] == "past", headings
    # The facts (region, term, chair) stay first, right under the name.
    facts = soup.select_one("main dl.byr-facts")
    upcoming = soup.find(id="upcoming")
    assert facts.find_next("h2") is upcoming
    assert "Neste møte" in upcoming.find_parent("section").get_text()
