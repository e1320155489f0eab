"""Organisations in the Wagtail admin: a snippet with its hours as inline panels.

Wagtail saves the organisation and its inline rows in one transaction, and validates all of
them before saving any, so a refused form leaves the stored organisation as it was.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import Organisation
from .validators import compact_org_number


class OrganisationIndexView(IndexView):
    def search_queryset(self, queryset):
        """By name, or by organisation number typed with or without its spaces."""
        if not self.is_searching:
            return queryset
        query = Q(name__icontains=self.search_query)
        digits = compact_org_number(self.search_query)
        if digits.isdigit():
            query |= Q(org_number__contains=digits)
        return queryset.filter(query)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = OrganisationIndexView
    search_fields = ["name", "org_number"]
    search_backend_name = None
    list_filter = ["kind"]
    list_display = [
        "name",
        Column("kind", label=_("kind"), accessor="get_kind_display"),
        Column("org_number", label=_("organisation number"), accessor="org_number_display"),
        "dissolved",
    ]


register_snippet(OrganisationViewSet)
