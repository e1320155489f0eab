"""Cells that a spreadsheet program never runs as formulas (OWASP: CSV injection).

A participant types their own name, organisation, position and needs; an organiser opens
the export in Excel or LibreOffice. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return could be taken for a formula there (`=HYPERLINK(...)` sends data away), so
such text gets a leading apostrophe. One helper for every export: the organisers' CSV and
Excel (`wagtail_hooks.RegistrationIndexView`) and the participant's own CSV
(`views.personal_export`). A phone number written "+47 ..." therefore reads "'+47 ..." in
the export: the price of never guessing which text is harmless.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should hold it: text that could start a formula gets a
    leading apostrophe; anything else (numbers, dates, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
