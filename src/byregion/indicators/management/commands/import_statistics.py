"""`byregion import-statistics FILE...`: import Statistics Norway's figures."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from byregion.indicators.ssb import StatisticsError, fetch_and_import, import_files, import_shipped


class Command(BaseCommand):
    help = (
        "Import Statistics Norway's figures (tables 07459 and 03321): JSON-stat2 files as "
        "PxWebApi v2 answers them, or the CSV form Byregion ships, all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="JSON-stat2 (.json) or shipped CSV (.csv)")
        parser.add_argument(
            "--shipped", action="store_true", help="import the figures Byregion ships"
        )
        parser.add_argument(
            "--fetch", metavar="TABLE", help="ask PxWebApi v2 for TABLE (needs --periods)"
        )
        parser.add_argument(
            "--periods", help="comma-separated years or quarters, e.g. 2022,2023 or 2023K4"
        )

    def handle(self, *args, files, shipped, fetch, periods, **options):
        try:
            if fetch:
                if not periods:
                    raise CommandError(_("--fetch needs --periods"))
                result = fetch_and_import(fetch, [p.strip() for p in periods.split(",")])
            elif shipped:
                result = import_shipped()
            elif files:
                result = import_files(files)
            else:
                raise CommandError(_("name one or more files, or use --shipped or --fetch"))
        except StatisticsError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Imported: %(written)d figures; %(skipped)d cells skipped "
                "(not a municipality, or no value)."
            )
            % {"written": result.written, "skipped": result.skipped}
        )
