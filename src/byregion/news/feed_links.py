"""The feeds' addresses: what listings and articles announce with <link rel="alternate">."""

from django.urls import reverse

FORMATS = ("atom", "rss")
MIME_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
# The path word of each scope (the site's addresses are Norwegian).
SCOPES = {"organisation": "organisasjon", "region": "region", "theme": "tema"}


def feed_url(format: str, scope: str | None = None, slug: str | None = None) -> str:
    if scope is None:
        return reverse("news:feed", kwargs={"format": format})
    return reverse(
        "news:scoped_feed", kwargs={"scope": SCOPES[scope], "slug": slug, "format": format}
    )


def feed_links(scope: str | None = None, slug: str | None = None) -> list[dict]:
    """The <link rel="alternate"> entries of a page: Atom and RSS of one scope."""
    return [
        {"href": feed_url(format, scope, slug), "type": MIME_TYPES[format], "format": format}
        for format in FORMATS
    ]
