"""Serving Wagtail's pages in one query: the site and the route come from the shared cache.

Wagtail finds a page by walking its tree (`Page.route()`): the site (one query), the site's
root page as its own class (one), then for each segment of the path the child with that slug
(one) and that child as its own class (one more), and then `serve()` checks the view
restrictions (two). An article four segments down cost eleven queries before its content.

Here the same walk is made once and kept (`pagecache.remember()`, so any saved page,
site or restriction starts over):

- `current_site()`: the request's Wagtail `Site`, kept per host name and port (set on the
  request where Wagtail looks for it, so its own `Site.find_for_request()` reads it too).
- `route()`: the pages from the root to the one to serve, found in one query by their slugs
  and depths below the root, with the same rules as `Page.route()` and
  `RoutablePageMixin.route()`: a routable page's own routes (the gathering's `program/`)
  come before its children, the page served must be live, anything else is a 404. A page
  class with a `route()` of its own is handed the rest of the path, as Wagtail would. Only a
  route found is kept: a path that leads nowhere costs its query each time and fills no cache.
  Then the page itself is read as its own class, in one query (with what its class names in
  `serve_select_related`, `core.pages`), its ancestors set as its parents (Wagtail's
  `_cached_parent_obj`, so `get_parent()` reads nothing).
- `serve()`: Wagtail's own `serve` view on that route, so its hooks run as before
  (`before_serve_page`, `on_serve_page`: the request method, the view restrictions).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from byregion.core import pagecache

PLAIN, ROUTABLE, OWN = "plain", "routable", "own"


def current_site(request) -> Site | None:
    """`Site.find_for_request(request)`, kept per host name and port."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        request.get_host()  # only a host the site answers to gets a name in the cache
    except DisallowedHost:
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site = pagecache.remember(f"site:{hostname}:{port}", lambda: Site.find_for_request(request))
    request._wagtail_site = site
    return site


@cache
def _kind(model) -> str:
    """How pages of `model` route the rest of a path: as `Page.route()` does, as
    `RoutablePageMixin.route()` does, or in a `route()` of their own."""
    plain = Page.__dict__["route"]
    routable = RoutablePageMixin.__dict__["route"]
    found = {klass.__dict__["route"] for klass in model.__mro__ if "route" in klass.__dict__}
    if found <= {plain}:
        return PLAIN
    if found <= {plain, routable}:
        return ROUTABLE
    return OWN


def _sub_path(components: list[str]) -> str:
    return "/" + "".join(f"{component}/" for component in components)


def _has_route(model, components: list[str]) -> bool:
    try:
        model.get_resolver().resolve(_sub_path(components))
    except Http404:
        return False
    return True


@dataclass
class Plan:
    """Where a path leads: the pages from the site's root to the one to serve (plain `Page`
    rows), and what is left of the path for that page's own routes."""

    chain: list[Page]
    rest: list[str] = field(default_factory=list)


def _plan(root: Page, components: list[str]) -> Plan:
    """`Page.route()`'s walk from `root`, on rows read in one query; Http404 if it ends
    nowhere."""
    below: dict[tuple[str, str], Page] = {}
    if components:
        wanted = Q()
        for depth, slug in enumerate(components, start=root.depth + 1):
            wanted |= Q(depth=depth, slug=slug)
        for page in Page.objects.filter(wanted, path__startswith=root.path):
            below[(page.path[: -Page.steplen], page.slug)] = page
    chain = [root]
    page = root
    for index in range(len(components) + 1):
        rest = components[index:]
        model = page.specific_class or Page
        kind = _kind(model)
        if kind == OWN or (kind == ROUTABLE and page.live and _has_route(model, rest)):
            return Plan(chain, rest)
        if not rest:
            if page.live:
                return Plan(chain)
            raise Http404
        page = below.get((page.path, rest[0]))
        if page is None:
            raise Http404
        chain.append(page)
    raise AssertionError("unreachable")  # pragma: no cover


def _specific(page: Page) -> Page | None:
    model = page.specific_class or Page
    pages = model._default_manager.filter(pk=page.pk)
    related = getattr(model, "serve_select_related", ())
    if related:
        pages = pages.select_related(*related)
    # One row by its key: no ORDER BY for the ORM to compile (first() would add one).
    return next(iter(pages.order_by()[:1]), None)


def route(request, path: str) -> RouteResult | None:
    """What `Page.route_for_request(request, path)` answers: the page to serve, with the
    arguments of its `serve()`, or None for a 404."""
    site = current_site(request)
    if site is None:
        return None
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):  # pragma: no cover
        return Page.route_for_request(request, path)  # a page per language: Wagtail's walk
    components = [component for component in path.split("/") if component]
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    try:
        plan = pagecache.remember(
            f"route:{site.pk}:{digest}", lambda: _plan(site.root_page, components)
        )
    except Http404:
        return None
    page = _specific(plan.chain[-1])
    if page is None:  # deleted since the route was kept
        return None
    # Wagtail's walk leaves each page's parent on it: `get_parent()` reads nothing.
    children = [*plan.chain[1:-1], page] if len(plan.chain) > 1 else []
    for parent, child in zip(plan.chain[:-1], children, strict=True):
        child._cached_parent_obj = parent
    kind = _kind(type(page))
    try:
        if kind == OWN:
            return page.route(request, plan.rest)
        if kind == ROUTABLE and page.live:
            try:
                match = page.resolve_subpage(_sub_path(plan.rest))
            except Http404:
                pass
            else:
                request.routable_resolver_match = match
                return RouteResult(page, args=(match.func, match.args, match.kwargs))
    except Http404:
        return None
    if plan.rest or not page.live:
        return None
    return RouteResult(page)


def serve(request, path: str):
    """Wagtail's `serve` view, on the route found by `route()`."""
    request._wagtail_route_for_request = route(request, path)
    return wagtail_serve(request, path)
