"""The organisations catalogues: every string translated, and the compiled .mo up to date."""

from pathlib import Path

import polib
import pytest

import byregion.organisations

LOCALE = Path(byregion.organisations.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_string_is_translated_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 50
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    for entry in po:
        # A format string keeps its placeholders in every language.
        for placeholder in ("%(value)s", "%(count)d", "%(span)s", "%(date)s", "%(name)s"):
            assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder), entry.msgid
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    assert {(e.msgctxt, e.msgid): e.msgstr for e in po} == compiled
