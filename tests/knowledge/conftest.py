import pytest


@pytest.fixture
def demo(db):
    """The whole demo: the experiences need the places, regions and themes it loads first."""
    from byregion.demo.content import load_all

    load_all()


@pytest.fixture
def index(demo):
    from byregion.knowledge.models import ExperienceIndexPage

    return ExperienceIndexPage.objects.get(slug="erfaringer")
