"""The whole-page cache: anonymous GET and HEAD answers kept in the shared cache, never stale.

The model (docs/developers/caching.md) is *generations*: every tag has a current generation,
a random token in the shared cache. A cached answer records the generation of each tag it
was rendered under, read *before* the data it shows, and is served only while all of them
are still current and its clock has not run out. A change replaces the generations of the
tags it touches; nothing has to find and delete the answers it made stale.

- The tag `content` is in every answer. Any saved, deleted or moved record of any model, and
  any Wagtail page published, unpublished or moved, gives it a new generation. Edits are
  rare beside reads, so the coarse tag costs little and forgets nothing: a new model is
  covered the day it is added.
- Models whose changes are frequent and seen on few pages (registrations, whose seats
  change hundreds of times a minute when a gathering opens) are taken out of `content` by
  `track_with_tags()`; their own code bumps a narrow tag (`seats:<gathering>`) that only the
  pages which read them record with `depends_on()`.
- Time: an answer lives at most until the next midnight in Oslo (every "today" on the site),
  and until any moment its rendering said it changes at (`changes_at()`: a gathering
  starting or ending, a registration opening, a meeting beginning).

A change bumps its tags at once and again when its transaction commits: a render that read
the generation between the two may have read the uncommitted old rows, and the second bump
makes its answer unreachable.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.html import format_html

logger = logging.getLogger(__name__)

CONTENT = "content"
GENERATION_PREFIX = "pagecache:gen:"
ENTRY_PREFIX = "pagecache:page:"
# Cookies that mean "this visitor may see something the public does not": a signed-in
# editor's session, and flash messages meant for one visitor.
PERSONAL_COOKIES = ("sessionid", "messages")
# Prefixes that are never cached: the admin and its sign-in, and what the web server or
# whitenoise serves.
NEVER_CACHED = ("/admin/", "/accounts/", "/documents/", "/static/", "/media/")


def _cache():
    return caches[settings.BYREGION_PAGE_CACHE_ALIAS]


# -- generations ---------------------------------------------------------------------------


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


def generations(tags: Iterable[str]) -> dict[str, str]:
    """The current generation of each tag; a tag never seen before gets one now."""
    tags = list(tags)
    cache = _cache()
    keys = {GENERATION_PREFIX + tag: tag for tag in tags}
    found = cache.get_many(list(keys))
    result = {keys[key]: value for key, value in found.items()}
    for key, tag in keys.items():
        if tag not in result:
            # add() keeps a token another process set first; then read the winner.
            token = _new_token()
            result[tag] = token if cache.add(key, token, timeout=None) else cache.get(key, token)
    return result


def _bump_now(tags: Iterable[str]) -> None:
    tags = list(tags)
    _cache().set_many({GENERATION_PREFIX + tag: _new_token() for tag in tags}, timeout=None)
    for hook in _after_bump:
        try:
            hook(tags)
        except Exception:  # a purge that fails must not undo a saved change
            logger.exception("page cache: purging %s failed", tags)


def bump(*tags: str) -> None:
    """Make every answer that recorded one of `tags` stale: now, and after the commit."""
    tags = tags or (CONTENT,)
    _bump_now(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(tags))


# Called with the bumped tags after each bump (the proxy purge, core.proxy).
_after_bump: list = []


def after_bump(hook) -> None:
    if hook not in _after_bump:
        _after_bump.append(hook)


# -- what a render records -----------------------------------------------------------------


@dataclass
class Recording:
    tags: dict[str, str]
    until: float  # a UNIX time
    cacheable: bool = True
    reasons: list[str] = field(default_factory=list)
    holes: list[tuple[str, str, tuple]] = field(default_factory=list)


_recording: contextvars.ContextVar[Recording | None] = contextvars.ContextVar(
    "byregion_pagecache_recording", default=None
)


def next_midnight(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


@contextmanager
def recording(now: dt.datetime | None = None):
    """Record what the code run inside depends on (no-op for code outside a request)."""
    now = now or timezone.now()
    state = Recording(tags=generations([CONTENT]), until=next_midnight(now).timestamp())
    token = _recording.set(state)
    try:
        yield state
    finally:
        _recording.reset(token)


def depends_on(*tags: str) -> None:
    """The answer being rendered shows data that `bump(tag)` announces changes of.

    Call it before reading that data, so the generation recorded is not newer than it."""
    state = _recording.get()
    if state is None:
        return
    missing = [tag for tag in tags if tag not in state.tags]
    if missing:
        state.tags.update(generations(missing))


def changes_at(moment: dt.datetime | dt.date | None) -> None:
    """The answer being rendered would read differently from `moment` on (if in the future).

    A date means its first moment in Oslo."""
    state = _recording.get()
    if state is None or moment is None:
        return
    if not isinstance(moment, dt.datetime):
        moment = timezone.make_aware(dt.datetime.combine(moment, dt.time.min))
    stamp = moment.timestamp()
    if time.time() < stamp < state.until:
        state.until = stamp


def not_cacheable(reason: str) -> None:
    """The answer being rendered is not the same for every anonymous visitor."""
    state = _recording.get()
    if state is not None:
        state.cacheable = False
        state.reasons.append(reason)


# -- which changes bump `content` -----------------------------------------------------------

_tracked_elsewhere: set[str] = set()


def track_with_tags(*labels: str) -> None:
    """Changes of these models ("app_label.ModelName") do not bump `content`: their own code
    bumps the narrow tags their readers record."""
    _tracked_elsewhere.update(label.lower() for label in labels)


# Models whose rows never show on a public page, or change while pages are read (an image
# rendition is made the first time a page shows a size): they must not empty the cache.
NEVER_SHOWN = {
    "sessions.session",
    "admin.logentry",
    "auth.user",
    "auth.permission",
    "contenttypes.contenttype",
    "wagtailimages.rendition",
    "images.creditedrendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailusers.userprofile",
    "wagtailadmin.editingsession",
    "wagtailadmin.admin",
    "axes.accessattempt",  # failed admin sign-ins, when AXES_HANDLER is the database's
    "axes.accessattemptexpiration",
    "axes.accesslog",
    "axes.accessfailurelog",
    "django_tasks_database.dbtaskresult",  # django-tasks-db's queue (its app label)
    "byregion_core.proxiedaddress",
}


def _shown(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return True
    label = meta.label_lower
    return label not in NEVER_SHOWN and label not in _tracked_elsewhere


def _on_model_change(sender, **kwargs):
    if kwargs.get("raw"):  # loading a fixture: the loader bumps once at the end
        return
    if _shown(sender):
        bump(CONTENT)


def _on_m2m_change(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and _shown(kwargs.get("model")):
        bump(CONTENT)


def _on_page_change(sender, **kwargs):
    bump(CONTENT)


def connect_signals() -> None:
    from django.core.signals import setting_changed
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    uid = "byregion.core.pagecache"
    post_save.connect(_on_model_change, dispatch_uid=f"{uid}.save")
    post_delete.connect(_on_model_change, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid=f"{uid}.m2m")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_on_page_change, dispatch_uid=f"{uid}.{id(signal)}")
    for signal in (published, unpublished):
        signal.connect(_on_page_change, dispatch_uid=f"{uid}.{id(signal)}")
    post_migrate.connect(_on_page_change, dispatch_uid=f"{uid}.migrate")
    setting_changed.connect(_forget_fingerprint, dispatch_uid=f"{uid}.settings")


# -- the middleware -------------------------------------------------------------------------


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    tags: dict[str, str]
    until: float
    etag: str
    stored: float
    # (marker, name, args) of each hole in `content`, filled for each visitor (`hole()`).
    holes: list[tuple[str, str, tuple]] = field(default_factory=list)


def _personal(request) -> bool:
    """A request whose answer may be meant for this visitor alone."""
    return (
        request.method not in ("GET", "HEAD")
        or any(name in request.COOKIES for name in PERSONAL_COOKIES)
        or "HTTP_AUTHORIZATION" in request.META
    )


def _eligible(request) -> bool:
    return not _personal(request) and not request.path.startswith(NEVER_CACHED)


# Settings that change what a page reads without a record changing.
RENDERING_SETTINGS = (
    "SITE_URL", "ACCESSIBILITY_STATEMENT_URL", "LANGUAGE_CODE", "LANGUAGES", "DEBUG",
    "STATIC_URL", "MEDIA_URL", "WAGTAIL_SITE_NAME", "BYREGION_API_RATE",
)  # fmt: skip
FINGERPRINTED = (".py", ".html", ".mo", ".css", ".js", ".json", ".txt", ".svg")
_fingerprint: str | None = None


def fingerprint() -> str:
    """What this process renders with: its code, templates, translations and static files
    (their contents, so app servers installed apart from the same release share one
    cache) and the settings that show on pages. A deploy or a changed setting starts a
    cache of its own; the old entries age out."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256()
        package = Path(__file__).resolve().parent.parent
        for path in sorted(package.rglob("*")):
            if path.suffix in FINGERPRINTED and path.is_file():
                digest.update(f"{path.relative_to(package)}\n".encode())
                digest.update(path.read_bytes())
        for name in RENDERING_SETTINGS:
            digest.update(f"{name}={getattr(settings, name, None)!r}\n".encode())
        _fingerprint = digest.hexdigest()[:12]
    return _fingerprint


def _forget_fingerprint(**kwargs) -> None:
    global _fingerprint
    _fingerprint = None


def _key(request, generation: str) -> str:
    raw = "\n".join([request.get_host(), translation.get_language() or "", request.get_full_path()])
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{ENTRY_PREFIX}{fingerprint()}:{generation}:{digest}"


def _storable(request, response, state: Recording) -> bool:
    if not state.cacheable or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a form's token, or a cookie meant for this visitor
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    return not response.has_header("Vary") or "*" not in response["Vary"]


def _public_headers(response, until: float, now: float) -> None:
    """Browsers revalidate every time (a 304 costs a cache read); shared caches may keep the
    answer for BYREGION_SHARED_MAX_AGE seconds, never past its clock; our own proxy keeps it
    until its clock (X-Accel-Expires) and is purged on change (core.proxy)."""
    remaining = max(int(until - now), 0)
    shared = min(settings.BYREGION_SHARED_MAX_AGE, remaining)
    control = {"public": True, "max_age": 0, "s_maxage": shared}
    if settings.BYREGION_STALE_WHILE_REVALIDATE:
        control["stale_while_revalidate"] = settings.BYREGION_STALE_WHILE_REVALIDATE
    patch_cache_control(response, **control)
    response["X-Accel-Expires"] = str(remaining)


def _from_entry(request, entry: Entry, now: float):
    from django.http import HttpResponse, HttpResponseNotModified

    if entry.holes:
        # The same page around what is each visitor's own: never a validator or a copy
        # anywhere else.
        response = HttpResponse(entry.content, status=entry.status)
        for name, value in entry.headers:
            response[name] = value
        _fill(request, response, entry.holes)
        response["X-Byregion-Cache"] = "hit"
        return response
    if entry.etag in _if_none_match(request):
        response = HttpResponseNotModified()
        for name, value in entry.headers:
            if name.lower() in ("cache-control", "vary", "content-language", "x-accel-expires"):
                response[name] = value
    else:
        response = HttpResponse(entry.content, status=entry.status)
        for name, value in entry.headers:
            response[name] = value
    response["ETag"] = entry.etag
    response["Age"] = str(max(int(now - entry.stored), 0))
    _public_headers(response, entry.until, now)
    response["X-Byregion-Cache"] = "hit"
    return response


def _if_none_match(request) -> set[str]:
    value = request.META.get("HTTP_IF_NONE_MATCH", "")
    return {part.strip().removeprefix("W/") for part in value.split(",") if part.strip()}


KEPT_HEADERS = {"content-type", "content-language", "vary", "last-modified", "link"}


class VaryMiddleware:
    """Placed outside the session and locale middleware, which add `Vary: Cookie` when a
    render looked at the session and `Vary: Accept-Language` to every address without a
    language prefix. A page's language is in its address (the API's answers do vary with
    Accept-Language), and a public answer from the page cache is the same whatever cookies
    come with it: a proxy keeping a copy per cookie or per browser language could neither
    share nor purge it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Vary"):
            return response
        drop = set()
        if not request.path.startswith("/api/"):
            drop.add("accept-language")
        if response.get("X-Byregion-Cache") in ("hit", "miss"):
            drop.add("cookie")
        kept = [
            value.strip()
            for value in response["Vary"].split(",")
            if value.strip() and value.strip().lower() not in drop
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
        return response


class PageCacheMiddleware:
    """Serve and store whole anonymous answers (placed after the locale is chosen)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.BYREGION_PAGE_CACHE or not _eligible(request):
            # A request that may write reads the generation afresh each time: what it
            # remembers after its own change must not be what it read before it.
            reads_only = request.method in ("GET", "HEAD")
            token = _request_generations.set({} if reads_only else None)
            holes_token = _holes.set([])
            try:
                response = self.get_response(request)
                holes = _holes.get()
            finally:
                _request_generations.reset(token)
                _holes.reset(holes_token)
            if holes:
                _fill(request, response, holes)
            if _personal(request) and "Cache-Control" not in response:
                # What a signed-in editor or a form's sender gets is theirs alone.
                patch_cache_control(response, private=True, no_store=True)
            return response
        cache = _cache()
        now = time.time()
        with recording() as state:
            key = _key(request, state.tags[CONTENT])
            entry = cache.get(key)
            if entry is not None and now < entry.until and _current(entry, state.tags):
                for hook in _before_hit:
                    refusal = hook(request)
                    if refusal is not None:
                        return refusal
                return _from_entry(request, entry, now)
            response = self.get_response(request)
        if not _storable(request, response, state):
            if state.holes:
                _fill(request, response, state.holes)
            if "Cache-Control" not in response and (response.cookies or not state.cacheable):
                patch_cache_control(response, private=True, no_store=True)
            response["X-Byregion-Cache"] = "pass"
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        content, etag = response.content, response["ETag"]
        entry = Entry(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() in KEPT_HEADERS],
            content=content,
            tags=state.tags,
            until=state.until,
            etag=etag,
            stored=now,
            holes=state.holes,
        )
        ttl = max(int(entry.until - now), 1)
        cache.set(key, entry, timeout=ttl)
        if entry.holes:
            response = _from_entry(request, entry, now)
            response["X-Byregion-Cache"] = "miss"
            return response
        response["ETag"] = etag
        _public_headers(response, entry.until, now)
        response["X-Byregion-Cache"] = "miss"
        if not _current(entry, {}):  # a change committed while this rendered
            response["X-Accel-Expires"] = "0"
            patch_cache_control(response, s_maxage=0)
        for hook in _after_store:
            hook(request, response, entry)
        if etag in _if_none_match(request):
            return _from_entry(request, entry, now)
        return response


# Called with the request before a stored answer is served; a hook that returns a response
# answers instead (the API's rate limit counts cached answers too, api.api).
_before_hit: list = []


def before_hit(hook) -> None:
    if hook not in _before_hit:
        _before_hit.append(hook)


# Called with (request, response, entry) after an answer is stored (the proxy's record, core.proxy).
_after_store: list = []


def after_store(hook) -> None:
    if hook not in _after_store:
        _after_store.append(hook)


def _current(entry: Entry, known: dict[str, str]) -> bool:
    """Whether every generation the entry was rendered under is still current (`known`:
    generations already read for this request)."""
    unknown = [tag for tag in entry.tags if tag not in known]
    current = {**known, **(generations(unknown) if unknown else {})}
    return all(current[tag] == value for tag, value in entry.tags.items())


# -- holes: what each visitor gets of their own in a stored page -----------------------------

_fillers: dict[str, object] = {}

# The holes of the answer being made outside the page cache (not stored, filled at once).
_holes: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "byregion_pagecache_holes", default=None
)


def hole_filler(name: str):
    """Register `function(request, *args) -> str` (safe HTML) as the filler of `name`."""

    def register(function):
        _fillers[name] = function
        return function

    return register


def hole(request, name: str, *args) -> str:
    """A place in the answer being rendered for what each visitor gets of their own (a form's
    CSRF token) or what changes more often than the page (seats left): the page is stored
    with a marker, and the filler registered as `name` (`hole_filler`) fills it for each
    visitor, with `args` (which must pickle). An answer with a hole is private and not
    stored by anything in front (no ETag, `X-Accel-Expires: 0`). Outside a request the
    page cache sees, the filler's output at once."""
    state = _recording.get()
    holes = state.holes if state is not None else _holes.get()
    if holes is None:
        return _fillers[name](request, *args)
    # A random marker: no text an editor writes can pass for one.
    marker = f"byrhole-{uuid.uuid4().hex}"
    holes.append((marker, name, args))
    return marker


@hole_filler("csrf")
def _csrf_input(request) -> str:
    """`{% csrf_token %}`'s field, with this visitor's token (and cookie)."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


@hole_filler("uuid")
def _fresh_uuid(request) -> str:
    """A new random UUID, e.g. a form's idempotency key."""
    return str(uuid.uuid4())


def _fill(request, response, holes) -> None:
    content = response.content
    for marker, name, args in holes:
        content = content.replace(marker.encode(), str(_fillers[name](request, *args)).encode())
    response.content = content
    for header in ("ETag", "Last-Modified"):
        if response.has_header(header):
            del response[header]
    response["X-Accel-Expires"] = "0"
    patch_cache_control(response, private=True, no_store=True)


# -- values kept until the content changes --------------------------------------------------

VALUE_PREFIX = "pagecache:value:"


def remember(name: str, compute, timeout: int = 24 * 60 * 60):
    """`compute()`'s value, kept in the shared cache until any content changes (the same
    `content` generation pages are kept under) or this process's code changes: for what
    every page shows, such as the site's header and footer. `compute` must not depend on the
    visitor or the clock (give such a value its own name, e.g. with the date in it).

    Each call returns a fresh copy (unpickled), so a caller may change what it gets."""
    key = f"{VALUE_PREFIX}{fingerprint()}:{_content_generation()}:{name}"
    with _local_lock:
        pickled = _local_values.get(key)
        if pickled is not None:
            _local_values.move_to_end(key)
    if pickled is None:
        pickled = _cache().get(key)
        if pickled is None:
            pickled = pickle.dumps(compute(), pickle.HIGHEST_PROTOCOL)
            _cache().set(key, pickled, timeout=timeout)
        with _local_lock:
            _local_values[key] = pickled
            if len(_local_values) > LOCAL_VALUES:
                _local_values.popitem(last=False)
    return pickle.loads(pickled)  # noqa: S301 (our own bytes, from our cache, as Django's backends unpickle)


# What remember() last read or made in this process, pickled, by key (the key names the
# generation, so a change makes an entry unreachable, and the oldest make way): a value
# unchanged since costs an unpickle instead of a cache read, of which a page makes a dozen
# (each a file read on the embedded default).
LOCAL_VALUES = 1024
_local_values: OrderedDict[str, bytes] = OrderedDict()
_local_lock = threading.Lock()


def forget_local_values() -> None:
    with _local_lock:
        _local_values.clear()


def _content_generation() -> str:
    """The `content` generation: the one the page cache read at the start of this request,
    else the one this GET or HEAD read at its first need (one cache read per request, not
    per value), else the current one."""
    state = _recording.get()
    if state is not None:
        return state.tags[CONTENT]
    seen = _request_generations.get()
    if seen is None:
        return generations([CONTENT])[CONTENT]
    if CONTENT not in seen:
        seen.update(generations([CONTENT]))
    return seen[CONTENT]


# Per request to a view that reads without writing, the generations it has read.
_request_generations: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "byregion_pagecache_request_generations", default=None
)


def kept_count(queryset) -> int:
    """`queryset.count()`, kept until the content changes: a listing's page count need not
    count 100,000 rows on every render (12 ms on SQLite). Keyed by the query's SQL."""
    try:
        sql = str(queryset.query)
    except Exception:  # a query that can match nothing has no SQL
        return queryset.count()
    digest = hashlib.sha256(sql.encode()).hexdigest()[:32]
    return remember(f"count:{queryset.model._meta.label_lower}:{digest}", queryset.count)
