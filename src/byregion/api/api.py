"""The open, read-only JSON API at /api/, with its OpenAPI description at /api/docs.

Each app declares its endpoints in its own `api.py` as a ninja Router; this module puts them
under one `NinjaAPI`, with one error format (`byregion.core.api.errors`), one throttle, and the
headers every response gets (`byregion.api.middleware`). Everything here is public data: the
same facts the pages show, and nothing personal beyond that.
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.throttling import AnonRateThrottle

from byregion.core import pagecache
from byregion.core.api.errors import (
    ParameterError,
    error_body,
    invalid_parameters_detail,
    validation_errors,
)
from byregion.core.clients import client_address
from byregion.gatherings.api import router as gatherings
from byregion.indicators.api import router as indicators
from byregion.knowledge.api import router as knowledge
from byregion.networks.api import router as networks
from byregion.news.api import router as news
from byregion.organisations.api import router as organisations
from byregion.places.api import router as places
from byregion.search.api import router as search


class ClientRateThrottle(AnonRateThrottle):
    """Counts per client address as our own proxies saw it (core.clients), not per
    whatever X-Forwarded-For a client sends."""

    def get_ident(self, request):
        return client_address(request)


THROTTLES = [ClientRateThrottle(settings.BYREGION_API_RATE)]
API_PREFIX = "/api/"
UNLIMITED = ("/api/docs", "/api/openapi.json")  # as ninja leaves them

api = NinjaAPI(
    title="Byregion API",
    version="1",
    description=(
        "Open data of the regional development network: municipalities and counties over "
        "time, organisations, programmes and regions with their members over time, councils and "
        "their meetings, gatherings with their programmes, published news, and the "
        "experiences regions share. Read-only; no key needed. "
        "Lists are paginated with an opaque `cursor` (follow `next`). Errors are JSON naming "
        "the parameter that was wrong. Requests are limited per client address; over the "
        "limit the answer is 429 with a Retry-After header."
    ),
    urls_namespace="api",
    docs_url="/docs",
    throttle=THROTTLES,
)


def _throttle_cached(request):
    """A cached answer counts against the limit as a rendered one does (core.pagecache)."""
    if not request.path.startswith(API_PREFIX) or request.path.startswith(UNLIMITED):
        return None
    for throttle in THROTTLES:
        if not throttle.allow_request(request):
            return throttled(request, Throttled(throttle.wait()))
    return None


pagecache.before_hit(_throttle_cached)


@api.exception_handler(ParameterError)
def parameter_error(request, exc: ParameterError):
    body = error_body(
        str(exc), [{"in": exc.where, "parameter": exc.parameter, "message": str(exc)}]
    )
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(NinjaValidationError)
def invalid_parameters(request, exc: NinjaValidationError):
    errors = validation_errors(exc.errors)
    return api.create_response(
        request, error_body(invalid_parameters_detail(errors), errors), status=400
    )


@api.exception_handler(Throttled)
def throttled(request, exc: Throttled):
    wait = max(1, int(exc.wait or 1))
    detail = _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": wait}
    response = api.create_response(request, error_body(detail), status=429)
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, error_body(str(exc) or _("Not found.")), status=404)


api.add_router("/", places, tags=["places"])
api.add_router("/organisations", organisations, tags=["organisations"])
api.add_router("/", networks, tags=["networks"])
api.add_router("/", indicators, tags=["indicators"])
api.add_router("/", gatherings, tags=["gatherings"])
api.add_router("/news", news, tags=["news"])
api.add_router("/", knowledge, tags=["knowledge"])
api.add_router("/", search, tags=["search"])
