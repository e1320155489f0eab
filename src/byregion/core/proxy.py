"""Purging the reverse proxy in front (the shipped nginx, `byregion proxy-config`).

The proxy keeps a public answer as long as the page cache says (X-Accel-Expires). Each
answer the page cache stores is recorded here (host and address, with its narrow tags);
when tags are bumped, every recorded address that carries one of them is purged on each
proxy in BYREGION_PROXY_PURGE_URLS (`GET /.purge<address>`, ngx_cache_purge's form), and
forgotten. A bump of `content` purges every
recorded address. The purge is sent after the change commits, and once more a moment later:
an answer rendered from the old rows may still have been on its way into the proxy when the
first purge arrived.

Addresses with a query string (a listing's page 2, a search) are left to the app's own
cache: the proxy passes them on, and the app answers them from its cache.

Without BYREGION_PROXY_PURGE_URLS nothing is recorded and nothing is sent.
"""

from __future__ import annotations

import http.client
import logging
import threading
import urllib.parse

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from . import pagecache
from .models import ProxiedAddress

logger = logging.getLogger(__name__)

# Addresses longer than the record holds are not left in the proxy at all.
MAX_URI = ProxiedAddress._meta.get_field("uri").max_length
RETRY_PURGE_AFTER = 1.0  # seconds
# The shipped nginx purges its copy of /x/ when asked for /.purge/x/ from an allowed address.
PURGE_PREFIX = "/.purge"


def enabled() -> bool:
    return bool(settings.BYREGION_PROXY_PURGE_URLS)


def record(request, response, entry) -> None:
    """After the page cache stored `entry`: remember the address the proxy may now hold."""
    if not enabled():
        return
    uri = request.get_full_path()
    if request.META.get("QUERY_STRING") or len(uri) > MAX_URI:
        # An address with a query string is kept by the app only: anyone can make endless
        # new ones (?x=1, ?x=2, ...), and each kept by the proxy would be a row here and a
        # purge on every change.
        response["X-Accel-Expires"] = "0"
        return
    narrow = [tag for tag in entry.tags if tag != pagecache.CONTENT]
    tags = "|" + "".join(f"{tag}|" for tag in sorted(narrow))
    try:
        with transaction.atomic():
            ProxiedAddress.objects.update_or_create(
                host=request.get_host(), uri=uri, defaults={"tags": tags}
            )
    except IntegrityError:  # recorded by a parallel request a moment ago
        pass
    except Exception:
        # Not recorded means not purgeable: the proxy must not keep it.
        logger.exception("page cache: could not record %s for the proxy", uri)
        response["X-Accel-Expires"] = "0"


def purge(tags) -> None:
    """After `tags` were bumped: purge what the proxy holds of them (once the change has
    committed; inside a transaction the commit's own bump will call this again)."""
    if not enabled() or connection.in_atomic_block:
        return
    addresses = _take(tags)
    if not addresses:
        return
    _send(addresses)
    timer = threading.Timer(RETRY_PURGE_AFTER, _send, args=(addresses,))
    timer.daemon = True
    timer.start()


def _take(tags) -> list[tuple[str, str]]:
    """The recorded addresses carrying any of `tags`, forgotten in the same transaction."""
    rows = ProxiedAddress.objects.all()
    if pagecache.CONTENT not in tags:
        from django.db.models import Q

        condition = Q(pk__in=[])
        for tag in tags:
            condition |= Q(tags__contains=f"|{tag}|")
        rows = rows.filter(condition)
    with transaction.atomic():
        found = list(rows.values_list("pk", "host", "uri"))
        # A raw delete: the rows are never shown, and a delete through the ORM would send
        # a signal per row.
        ids = [pk for pk, _host, _uri in found]
        for start in range(0, len(ids), 500):
            ProxiedAddress.objects.filter(pk__in=ids[start : start + 500])._raw_delete(
                ProxiedAddress.objects.db
            )
    return [(host, uri) for _pk, host, uri in found]


def _send(addresses: list[tuple[str, str]]) -> None:
    for base in settings.BYREGION_PROXY_PURGE_URLS:
        target = urllib.parse.urlsplit(base)
        conn = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=5)
        try:
            for host, uri in addresses:
                conn.request("GET", PURGE_PREFIX + uri, headers={"Host": host})
                answer = conn.getresponse()
                answer.read()
                if answer.status not in (200, 404):  # 404: the proxy held no copy
                    logger.warning("proxy purge of %s%s answered %s", host, uri, answer.status)
        except OSError:
            logger.exception("proxy purge: %s did not answer", base)
        finally:
            conn.close()
