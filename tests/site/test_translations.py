"""Every app's translation catalogue is complete, and its compiled .mo is the .po's.

Django reads only the .mo files, so a .po edited without recompiling would silently show
the old text; and an empty or fuzzy msgstr shows English on a Norwegian page.
"""

from pathlib import Path

import polib
import pytest

import byregion

LANGUAGES = ("nb", "nn", "en")
LOCALE_DIRS = sorted(Path(byregion.__file__).parent.glob("*/locale"))


def test_there_are_catalogues_to_check():
    assert any(d.parent.name == "site" for d in LOCALE_DIRS), LOCALE_DIRS


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=lambda d: d.parent.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_compiled(locale_dir, language):
    po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
    assert po_path.exists(), f"{po_path} is missing: every app with a catalogue needs nb, nn, en"
    catalogue = polib.pofile(str(po_path))

    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    assert not untranslated, f"{po_path} has untranslated entries: {untranslated}"
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not fuzzy, f"{po_path} has fuzzy entries (Django ignores them): {fuzzy}"
    assert not catalogue.metadata_is_fuzzy, f"{po_path}: the header is marked fuzzy"
    assert catalogue.metadata.get("Language") == language, f"{po_path}: Language header"

    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: compile it from the .po"
    assert mo_path.read_bytes() == catalogue.to_binary(), (
        f"{mo_path} is not what {po_path.name} compiles to; recompile with "
        f'polib.pofile("{po_path}").save_as_mofile("{mo_path}")'
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_apps_translate_the_same_text_differently(language):
    """Django merges every app's catalogue into one, and the first app in INSTALLED_APPS
    wins a msgid both translate: the other app would show the first one's words. A text
    that means different things in two apps needs a context (pgettext)."""
    seen: dict[tuple[str | None, str], tuple[str, str]] = {}
    clashes = []
    for locale_dir in LOCALE_DIRS:
        po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            continue
        for entry in polib.pofile(str(po_path)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            value = entry.msgstr or str(sorted(entry.msgstr_plural.items()))
            app = locale_dir.parent.name
            if key in seen and seen[key][1] != value:
                clashes.append(f"{key[1]!r}: {seen[key][0]} {seen[key][1]!r}, {app} {value!r}")
            seen.setdefault(key, (app, value))
    assert not clashes, "\n".join(clashes)
