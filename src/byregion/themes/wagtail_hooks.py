"""Themes in the Wagtail admin: a snippet editors search by any of its names."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_order = 310
    add_to_admin_menu = True
    # The database filter, not the search index: a handful of rows, and every name form.
    search_fields = ["name_nb", "name_nn", "name_en", "slug"]
    search_backend_name = None
    list_display = ["name_nb", "name_nn", "name_en", "slug"]
    ordering = ["slug"]


register_snippet(ThemeViewSet)
