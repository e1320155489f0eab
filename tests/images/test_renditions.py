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


def test_get_rendition_does_not_write_back_what_it_read_from_the_cache():
    # Wagtail's get_rendition() writes the rendition to the cache on every call; the
    # article's share image asks for it twice a render.
    image = make_image()
    image.get_rendition("fill-1200x630-c100")
    fresh = type(image).objects.get(pk=image.pk)
    cache = caches["renditions"]
    with (
        mock.patch.object(cache, "set", wraps=cache.set) as set_one,
        mock.patch.object(cache, "set_many", wraps=cache.set_many) as set_many,
    ):
        rendition = fresh.get_rendition("fill-1200x630-c100")
    assert rendition.width == 1200
    set_one.assert_not_called()
    set_many.assert_not_called()


def test_get_rendition_still_makes_a_new_size_and_keeps_it_in_the_cache(
    django_assert_num_queries,
):
    image = make_image()
    rendition = image.get_rendition("fill-300x200")
    assert (rendition.width, rendition.height) == (300, 200)
    fresh = type(image).objects.get(pk=image.pk)
    with django_assert_num_queries(0):
        assert fresh.get_rendition("fill-300x200").file.name == rendition.file.name
