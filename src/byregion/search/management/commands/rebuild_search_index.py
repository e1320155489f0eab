"""`byregion rebuild-search-index [app_label.Model ...]`: rewrite the search index."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from byregion.gatherings.models import Material
from byregion.search import files
from byregion.search.index import rebuild, registered_models


class Command(BaseCommand):
    help = (
        "Rewrite the search documents of every searchable model (or of the models named, "
        "e.g. organisations.Organisation) in one transaction. Safe to run at any time and "
        "again: visitors search the old index until the new one is committed."
    )

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", help="app_label.Model, e.g. places.Place")

    def handle(self, *args, models, **options):
        chosen = []
        registered = {model._meta.label_lower: model for model in registered_models()}
        for label in models:
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError):
                raise CommandError(_("%(label)s: no such model") % {"label": label}) from None
            concrete = model._meta.concrete_model._meta.label_lower
            if concrete not in registered:
                raise CommandError(
                    _("%(label)s is not searchable; searchable: %(models)s")
                    % {"label": label, "models": ", ".join(sorted(registered))}
                )
            chosen.append(registered[concrete])
        start = time.perf_counter()
        # Files uploaded before their text was kept (or while no worker ran) are read first.
        used = Material.objects.exclude(document=None).values_list("document_id", flat=True)
        read = files.read_unread(list(used))
        if read:
            self.stdout.write(_("Read the text of %(count)d files.") % {"count": read})
        count = rebuild(chosen or None)
        self.stdout.write(
            _("Indexed %(count)d documents in %(seconds).1f s.")
            % {"count": count, "seconds": time.perf_counter() - start}
        )
