from django.conf import settings


def site_chrome(request):
    """What every page's header and footer need."""
    return {"accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL}
