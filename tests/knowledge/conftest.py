import pytest


@pytest.fixture
def demo_content_per_test(db):
    """The whole demo, loaded again for each test (tests/conftest.py's `demo_content` is the
    same, once per module): the experiences need the places, regions and themes it loads
    first."""
    from byregion.demo.content import load_all

    load_all()


@pytest.fixture
def experience_index(demo_content_per_test):
    """The demo's experience index page, /erfaringer/."""
    from byregion.knowledge.models import ExperienceIndexPage

    return ExperienceIndexPage.objects.get(slug="erfaringer")
