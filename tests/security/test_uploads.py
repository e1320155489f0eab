"""Uploaded documents (issue 13, low finding): a size limit, and served only through
Wagtail's document view (the proxy and the development server serve images, not
documents, from /media/)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

pytestmark = pytest.mark.django_db

LIMIT = 20 * 1024 * 1024


def form_with(size: int):
    form_class = get_document_form(get_document_model())
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n" + b"0" * (size - 9))
    return form_class(data={"title": "Rapport"}, files={"file": upload})


def test_a_document_over_the_limit_is_refused_with_the_limit_named():
    form = form_with(LIMIT + 1)
    assert not form.is_valid()
    assert "for stor" in str(form.errors["file"])  # in the editor's language (nb here)
    assert "Maksimal filstørrelse er 20,0" in str(form.errors["file"])


def test_a_document_at_the_limit_is_taken():
    form = form_with(LIMIT)
    form.is_valid()
    assert "file" not in form.errors


def test_documents_are_served_by_their_view_not_from_media():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    document = get_document_model()(title="Rapport", file="documents/rapport.pdf")
    document.save()
    assert document.url.startswith("/documents/")
