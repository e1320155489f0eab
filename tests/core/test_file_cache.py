"""The embedded default's cache folder (core.caches.FileCache): a write does not list the
whole folder, and the folder is still kept to its size."""

import os

import pytest

from byregion.core.caches import FileCache


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "cache"


def cache(folder, max_entries=20000):
    return FileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 2}})


def test_a_write_does_not_list_the_folder(folder, monkeypatch):
    """Django's file cache lists every entry on every write to count them: 5.8 ms a write
    at 5,000 entries, and the seat lock waits for one."""
    kept = cache(folder)
    kept.set("first", 1)
    listed = []
    real = FileCache._list_cache_files
    monkeypatch.setattr(FileCache, "_list_cache_files", lambda self: listed.append(1) or real(self))
    for n in range(200):
        kept.set(f"key-{n}", n)
    assert len(listed) <= 200 // FileCache.cull_every + 1
    assert kept.get("key-199") == 199


def test_the_folder_is_still_kept_to_its_size(folder):
    kept = cache(folder, max_entries=50)
    for n in range(1000):
        kept.set(f"key-{n}", n)
    entries = len(os.listdir(folder))
    assert entries <= 50 + FileCache.cull_every
    assert kept.get("key-999") == 999
