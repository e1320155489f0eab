from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "byregion.search"
    label = "byregion_search"
    verbose_name = _("Search")

    def ready(self):
        from . import contributions  # noqa: F401 (fills the slots of the pages below)
        from .index import connect_signals
        from .sources import register_sources
        from .tasks import connect_signals as connect_file_signals

        register_sources()
        connect_signals()
        connect_file_signals()
