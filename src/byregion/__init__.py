"""Byregion: an open web platform for regional development networks."""

__version__ = "0.1.0"
