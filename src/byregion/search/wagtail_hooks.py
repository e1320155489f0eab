"""The editors' report of what people fail to find (search/stats.py): Reports → Searches
that found nothing. Counts only; nothing about who searched."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import stats


def zero_hits_report(request):
    return TemplateResponse(request, "search/admin/zero_hits.html", stats.report())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("sok/ingen-treff/", zero_hits_report, name="search_zero_hits")]


@hooks.register("register_reports_menu_item")
def register_zero_hits_menu_item():
    return MenuItem(
        _("Searches that found nothing"),
        reverse("search_zero_hits"),
        icon_name="search",
        order=900,
    )
