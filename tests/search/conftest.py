import itertools

import pytest
from django.contrib.contenttypes.models import ContentType

from byregion.search import analysis
from byregion.search.index import DocumentData, _build, write
from byregion.search.models import Document

_ids = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """ "Did you mean" keeps the vocabulary a minute; a test's rolled-back documents must
    not be suggested in the next."""
    from byregion.search.suggest import forget

    forget()
    yield
    forget()


def add_document(**fields) -> Document:
    """A document written straight to the index, as a registered source would have it."""
    data = DocumentData(**{"kind": "news", "url": "/", **fields})
    content_type = ContentType.objects.get_for_model(Document)

    class Object:
        pk = next(_ids)

    document = _build(content_type, Object, data)
    write([document])
    return document


__all__ = ["add_document", "analysis"]
