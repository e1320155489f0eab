"""Headers every API answer gets: CORS for reading, ETag and caching for revalidation.

The API is public and read-only, so any web page may read it (`Access-Control-Allow-Origin:
*`, no credentials). A GET answer gets a strong ETag of its bytes, and a Last-Modified when
the endpoint set one; a client that sends If-None-Match or If-Modified-Since gets 304 without
the body. Answers are kept by the page cache (core/pagecache.py), which also writes their
Cache-Control: they are the same for everyone who asks in the same language.

Messages (errors, change descriptions) follow the caller's Accept-Language. The site's
LocaleMiddleware gives every path without a language prefix Bokmål, which is right for pages
(their language is in the address) but not for an API, so the language is chosen here again.
"""

from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from byregion.core.api.errors import error_body

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class ApiHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        refusal = _refuse_nul(request)
        if refusal is not None:
            response = refusal
        elif request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            response = self.get_response(request)
        response["Content-Language"] = request.LANGUAGE_CODE
        patch_vary_headers(response, ["Accept-Language"])
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if not response.streaming and not response.has_header("ETag"):
                set_response_etag(response)
            conditional = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=_last_modified(response),
                response=response,
            )
            return conditional
        return response


def _refuse_nul(request):
    """A NUL character can be in no code, slug or date, and PostgreSQL refuses it in any text
    it is sent: answer before a query is made, naming the parameter (found by the fuzz test)."""
    if "\x00" in request.path:
        return JsonResponse(error_body(_("Not found.")), status=404)
    names = sorted({name for name, values in request.GET.lists() for value in [name, *values]
                    if "\x00" in value})  # fmt: skip
    if not names:
        return None
    message = _("A value may not contain the NUL character.")
    errors = [{"in": "query", "parameter": name, "message": message} for name in names]
    detail = _("Invalid parameter: %(names)s.") % {"names": ", ".join(names)}
    return JsonResponse(error_body(detail, errors), status=400)


def _last_modified(response):
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None
