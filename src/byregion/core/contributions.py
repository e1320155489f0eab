"""Slots: how an app on a higher floor puts a section on a page of a lower one.

A lower app never imports the apps above it, yet some of its pages show their content (a
region's gatherings and news, a theme's news and experiences). The lower app declares a
`Slot` and renders whatever sections it is given; each upper app fills the slot from its
`AppConfig.ready()`. See docs/developers/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A part of a page: a template rendered with `context` (plus the page's own context),
    and the schema.org objects it adds to the page's structured data."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    json_ld: tuple[dict, ...] = ()


class Slot:
    """A named place on a page that apps above fill, in the order they ask for.

    A filler takes the slot's arguments and returns a value (usually a `Section`) or None
    when it has nothing to show; `collect()` gives the values in order, Nones left out.
    Filling twice with the same function (a test re-running `ready()`) replaces it.
    """

    def __init__(self, name: str):
        self.name = name
        self._fillers: list[tuple[int, Callable[..., Any]]] = []

    def __repr__(self) -> str:
        return f"<Slot {self.name}: {len(self._fillers)} fillers>"

    def fill(self, order: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(filler: Callable[..., Any]) -> Callable[..., Any]:
            key = (filler.__module__, filler.__qualname__)
            self._fillers = [
                (o, f) for o, f in self._fillers if (f.__module__, f.__qualname__) != key
            ]
            self._fillers.append((order, filler))
            self._fillers.sort(key=lambda item: item[0])
            return filler

        return register

    def collect(self, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            value for _, filler in self._fillers if (value := filler(*args, **kwargs)) is not None
        ]
