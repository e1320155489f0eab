"""The environment runs the pip and setuptools pinned in requirements/bootstrap.lock, not
the old ones Python's venv module ships (tasks.py installs them first, with hashes)."""

import re
from importlib.metadata import version
from pathlib import Path

import pytest

LOCK = Path(__file__).resolve().parents[2] / "requirements" / "bootstrap.lock"


def pinned() -> dict[str, str]:
    return dict(re.findall(r"^([a-z0-9-]+)==(\S+) \\", LOCK.read_text(), re.MULTILINE))


def test_the_bootstrap_lock_pins_pip_and_setuptools_with_hashes():
    assert set(pinned()) == {"pip", "setuptools"}
    assert LOCK.read_text().count("--hash=sha256:") >= 2


@pytest.mark.parametrize("package", ["pip", "setuptools"])
def test_the_environment_has_the_pinned_installer(package):
    assert version(package) == pinned()[package]
