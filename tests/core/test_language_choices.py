"""One naming for the content languages (issue 16, item 7): every model's language field
offers settings.LANGUAGES (Django's names, translated: "Norsk (nynorsk)" in the Bokmål
admin), never a list of its own ("Nynorsk" beside "Norsk (nynorsk)" was shown before)."""

from django.apps import apps
from django.conf import settings
from django.utils import translation


def language_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("byregion."):
            continue
        for field in model._meta.get_fields():
            if getattr(field, "choices", None) and field.name in ("language", "lang"):
                yield model, field


def test_every_language_field_offers_the_site_languages():
    found = list(language_fields())
    assert {model._meta.app_label for model, _field in found} >= {"networks", "news"}
    for model, field in found:
        assert list(field.choices) == list(settings.LANGUAGES), model


def test_the_languages_are_named_in_the_admin_language():
    with translation.override("nn"):
        names = [str(name) for _code, name in settings.LANGUAGES]
    assert names == ["Norsk (bokmål)", "Norsk (nynorsk)", "Engelsk"]
