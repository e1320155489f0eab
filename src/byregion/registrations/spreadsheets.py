"""Cells that a spreadsheet program never runs as formulas (OWASP: CSV injection).

A participant types their own name, organisation, position and needs; an organiser opens
the export in Excel or LibreOffice. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return could be taken for a formula there (`=HYPERLINK(...)` sends data away), so
such text gets a leading apostrophe. One helper for every export: the organisers' CSV and
Excel (`wagtail_hooks.RegistrationIndexView`) and the participant's own CSV
(`views.personal_export`). A phone number written "+47 ..." therefore reads "'+47 ..." in
the export: the price of never guessing which text is harmless.

The other helpers make the organisers' exports read as the admin does (`cell_value`): times
in the site's time zone (Europe/Oslo) to the minute, yes/no and choices in the user's
language; and a CSV a Norwegian spreadsheet opens as columns (`CSV_DIALECT`, `CSV_BOM`):
Excel set to Norwegian takes the semicolon as the list separator, and reads the file as
UTF-8 only after a byte-order mark.
"""

import csv
import datetime as dt
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

CSV_BOM = "\ufeff"
CSV_DELIMITER = ";"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should hold it: text that could start a formula gets a
    leading apostrophe; anything else (numbers, dates, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def local_time(value: dt.datetime) -> dt.datetime:
    """An aware time as the site's local time, to the second, without a time zone (Excel
    has none)."""
    return timezone.localtime(value).replace(microsecond=0, tzinfo=None)


def cell_value(value, *, text: bool):
    """A value as the export shows it: a local date-time (a string "22.03.2027 10:05" for
    `text`, a date cell in Excel otherwise), "Ja"/"Nei", or the value itself."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        local = local_time(value) if timezone.is_aware(value) else value.replace(microsecond=0)
        return date_format(local, "d.m.Y H:i") if text else local
    return value


def table_response(rows: list[list], filename: str, fmt: str) -> HttpResponse:
    """A small table (a header row, then rows) as a download: CSV as above, or Excel with
    every text cell a string. Every cell through `safe_cell`."""
    rows = [[safe_cell(value) for value in row] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=CSV_DELIMITER).writerows(rows)
        response = HttpResponse(CSV_BOM + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(row)
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
