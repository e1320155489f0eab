"""A PDF material's text is searched (issue 17, item 5): read after the upload, the hit
leads to the file and names its session; a file that cannot be read is found by its title,
logged, and never fails the upload."""

import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from byregion.gatherings.models import Material, MaterialKind, Session
from byregion.search import files
from byregion.search.models import Document, FileText
from byregion.search.query import search
from tests.gatherings.conftest import (  # noqa: F401  (fixtures: gathering and what it needs)
    gathering,
    gathering_index,
    operator,
    programme,
)

from .pdfs import encrypted, make_pdf

pytestmark = pytest.mark.django_db

PDF = make_pdf(
    ["Handlingsrom for næringsretta samfunnsutvikling", "Kystnæringar i Ålesund-regionen"],
    ["Side to: sjømatklynga og fiskerihamna"],
)


def upload(content: bytes, name="lysark.pdf", title="Lysark frå opninga"):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document._set_file_hash()  # as Wagtail's upload form does
    document.save()
    return document


@pytest.fixture
def opening(gathering):  # noqa: F811
    return Session.objects.get(gathering=gathering, title="Opning")


def add_material(session, document, title="Lysark"):
    return Material.objects.create(
        session=session, title=title, kind=MaterialKind.SLIDES, document=document
    )


def material_hits(query):
    return [hit for hit in search(query).hits if hit.kind == "material"]


def test_the_text_of_a_pdf_is_found_after_the_upload(
    opening, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(PDF)
        material = add_material(opening, document, "Lysark")
    assert "sjømatklynga" in FileText.objects.get(document=document).text

    [hit] = material_hits("sjømatklynge")  # another form of a word on the second page
    assert hit.object_id == material.pk
    assert "sjømatklynga" in hit.snippet.text

    page = client.get("/sok/", {"q": "sjømatklynge"}).content.decode()
    assert f'href="{document.url}"' in page  # the hit leads to the file
    assert "Fil: PDF" in page
    assert f'href="{opening.get_url()}"' in page and "Opning" in page  # and names its session


def test_a_file_read_before_its_material_is_used_at_once(
    opening, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(PDF)
    add_material(opening, document)
    assert len(material_hits("fiskerihamn")) == 1


def test_a_replaced_file_is_read_again(opening, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(PDF)
        add_material(opening, document)
    assert material_hits("fiskerihamna")
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("ny.pdf", ContentFile(make_pdf(["Reiselivsstrategi"])), save=False)
        document._set_file_hash()
        document.save()
    assert not material_hits("fiskerihamna")
    assert material_hits("reiselivsstrategi")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"%PDF-1.4\nthis is not a PDF at all", ""),
        (encrypted(PDF), "encrypted"),
        (make_pdf([]), "no text"),
    ],
    ids=["damaged", "encrypted", "no-text"],
)
def test_a_file_that_cannot_be_read_is_found_by_its_title_and_logged(
    opening, django_capture_on_commit_callbacks, caplog, content, problem
):
    with (
        caplog.at_level(logging.WARNING, logger="byregion.search.files"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document = upload(content, title="Uleseleg")
        material = add_material(opening, document, "Rapport om fiskerihamna")
    read = FileText.objects.get(document=document)
    assert read.text == "" and problem in read.problem and read.problem
    assert f"document {document.pk} is indexed by its title only" in caplog.text
    assert [hit.object_id for hit in material_hits("fiskerihamna")] == [material.pk]
    assert get_document_model().objects.filter(pk=document.pk).exists()  # the upload stands


def test_uploading_through_the_admin_succeeds_with_a_damaged_file(
    admin_client, django_capture_on_commit_callbacks
):
    from wagtail.models import Collection

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/documents/multiple/add/",
            {
                "files[]": ContentFile(b"%PDF-1.7 broken", name="oppsummering.pdf"),
                "title": "oppsummering",
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 200
    assert response.json()["success"] is True, response.json()
    document = get_document_model().objects.get(title="oppsummering")
    assert FileText.objects.get(document=document).problem


def test_a_large_file_is_read_only_so_far(opening, settings, monkeypatch):
    monkeypatch.setattr(files, "MAX_PAGES", 2)
    document = upload(make_pdf(["første side"], ["andre side"], ["tredje side"]))
    text = files.read(document.pk).text
    assert "andre side" in text and "tredje" not in text


def test_the_rebuild_command_reads_files_uploaded_before(opening, capsys):
    document = upload(PDF)  # no on-commit: as if no worker had run
    FileText.objects.all().delete()
    add_material(opening, document)
    assert not material_hits("fiskerihamna")
    call_command("rebuild_search_index")
    assert "1" in capsys.readouterr().out
    assert material_hits("fiskerihamna")
    assert Document.objects.filter(kind="material").count() == 2  # the fixture's link, ours
