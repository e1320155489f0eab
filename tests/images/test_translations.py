"""The image's own fields in the admin's language (issue 16, item 7): they were English in
Bokmål and Nynorsk."""

import pytest
from django.utils import translation
from django.utils.text import capfirst

from byregion.images.models import CreditedImage


@pytest.mark.parametrize(
    ("language", "alt", "credit", "credit_help"),
    [
        ("nb", "Alternativ tekst", "Fotokreditering", "Hvem som tok bildet"),
        ("nn", "Alternativ tekst", "Fotokreditering", "Kven som tok biletet"),
        ("en", "Alternative text", "Photo credit", "Who took the photo"),
    ],
)
def test_the_image_fields_speak_the_admin_language(language, alt, credit, credit_help):
    fields = CreditedImage._meta
    with translation.override(language):
        assert capfirst(fields.get_field("description").verbose_name) == alt
        assert capfirst(fields.get_field("credit").verbose_name) == credit
        assert str(fields.get_field("credit").help_text).startswith(credit_help)
        if language == "nn":
            assert "ikkje kan sjå" in str(fields.get_field("description").help_text)
