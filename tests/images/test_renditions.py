"""Renditions read from the cache are not written back on every render."""

from unittest import mock

import pytest
from django.core.cache import caches

from tests.news.conftest import make_image

pytestmark = pytest.mark.django_db


def test_a_rendition_from_the_cache_is_not_written_back():
    image = make_image()
    image.get_renditions("fill-400x300")  # made, and put in the cache
    fresh = type(image).objects.get(pk=image.pk)  # no renditions prefetched or remembered
    cache = caches["renditions"]
    with mock.patch.object(cache, "set_many", wraps=cache.set_many) as set_many:
        renditions = fresh.get_renditions("fill-400x300")
    assert renditions["fill-400x300"].width == 400
    set_many.assert_not_called()
