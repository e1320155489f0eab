"""The project's catalogue of Wagtail's admin strings (src/byregion/locale, LOCALE_PATHS):
compiled, and keeping to Wagtail's own msgids. It wins over every app's catalogue, so an
entry that is not Wagtail's could silently change one of the apps' strings."""

from pathlib import Path

import polib
import pytest
import wagtail
from django.utils import translation

import byregion

CATALOGUE = Path(byregion.__file__).parent / "locale"
WAGTAIL = Path(wagtail.__file__).parent


def wagtail_msgids(domain: str) -> set[str]:
    return {
        entry.msgid
        for path in WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")
        for entry in polib.pofile(str(path))
    }


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_catalogue_is_wagtails_strings_translated_and_compiled(language, domain):
    po_path = CATALOGUE / language / "LC_MESSAGES" / f"{domain}.po"
    catalogue = polib.pofile(str(po_path))
    assert catalogue.metadata["Language"] == language
    assert not catalogue.untranslated_entries() and not catalogue.fuzzy_entries()
    assert {entry.msgid for entry in catalogue} <= wagtail_msgids(domain)
    assert po_path.with_suffix(".mo").read_bytes() == catalogue.to_binary()


@pytest.mark.parametrize(
    ("language", "msgid", "text"),
    [
        ("nb", "Request changes", "Be om endringer"),
        ("nn", "Request changes", "Be om endringar"),
        ("nb", "Search…", "Søk …"),
        ("nn", "Save draft", "Lagre utkast"),
    ],
)
def test_the_admin_strings_are_translated(language, msgid, text):
    with translation.override(language):
        assert translation.gettext(msgid) == text
