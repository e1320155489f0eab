import pytest

from byregion.places.klass import import_snapshot
from byregion.places.timeline import Timeline


@pytest.fixture
def snapshot_timeline(db):
    """The shipped KLASS snapshot, imported through the same code as `import-places`."""
    import_snapshot()
    return Timeline.load()
