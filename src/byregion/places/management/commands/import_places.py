"""`byregion import-places FILE...`: import KLASS JSON files of counties or municipalities."""

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from byregion.places.klass import KlassError, fetch_and_import, import_files, import_snapshot
from byregion.places.models import NAME_LANGUAGES, PlaceKind


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("%(value)r is not a date (YYYY-MM-DD)") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Import Statistics Norway's KLASS JSON for counties (104) or municipalities (131): "
        "codesAt or changes answers, in the order given, all or nothing. Data © Statistics "
        "Norway, CC BY 4.0."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="KLASS JSON files (codes or changes)")
        parser.add_argument(
            "--date",
            type=iso_date,
            help="the date a codesAt file describes, for rows without validFrom",
        )
        parser.add_argument(
            "--language",
            default="nb",
            choices=NAME_LANGUAGES,
            help="the language of the names in the files (KLASS's language parameter)",
        )
        parser.add_argument(
            "--snapshot", action="store_true", help="import the snapshot Byregion ships"
        )
        parser.add_argument(
            "--fetch",
            choices=[PlaceKind.COUNTY, PlaceKind.MUNICIPALITY],
            help="read from the KLASS API instead of files (needs --from and --to)",
        )
        parser.add_argument("--from", dest="start", type=iso_date)
        parser.add_argument("--to", dest="end", type=iso_date)

    def handle(self, *args, files, date, language, snapshot, fetch, start, end, **options):
        progress = sys.stderr.isatty() and options["verbosity"] > 0
        try:
            if fetch:
                if not (start and end):
                    raise CommandError(_("--fetch needs --from and --to"))
                result = fetch_and_import(fetch, start, end, progress=progress)
            elif snapshot:
                result = import_snapshot(progress=progress)
            elif files:
                result = import_files(files, date=date, language=language, progress=progress)
            else:
                raise CommandError(_("name one or more files, or use --snapshot or --fetch"))
        except KlassError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
