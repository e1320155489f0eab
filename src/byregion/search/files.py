"""The text of uploaded files, for search: what a gathering's PDF materials say.

A material's search document (search/sources.py, `material_document`) is its title, its
session's title and, for a PDF, the file's text, read here with pypdf. Reading happens
after the upload, never in it: saving a document queues `read_file_text` (search/tasks.py),
which reads the file, keeps its text in a `FileText` row (one per document, with the
file's hash, so a replaced file is read again), and indexes the materials that use it
again. Until then, and for good when a file cannot be read (damaged, encrypted, scanned
images without text), a material is found by its title and its session's; the reason is
logged with the document's id, never its contents. See docs/developers/search.md
(Material files).

Bounded work for any file: at most `MAX_PAGES` pages and `MAX_CHARS` characters are kept.
"""

from __future__ import annotations

import logging
import re

from django.db import transaction
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from wagtail.documents import get_document_model

from .models import FileText

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARS = 200_000
READABLE = (".pdf",)
_SPACE = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


def is_readable(document) -> bool:
    return document.file.name.lower().endswith(READABLE)


def _tidy(text: str) -> str:
    """pypdf's text with runs of blanks and blank lines collapsed, and words hyphenated
    across a line break joined ("samfunns-\\nutvikling")."""
    text = text.replace("\x00", "")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = _SPACE.sub(" ", text)
    return _LINES.sub("\n\n", text).strip()


def extract(document) -> str:
    """The text of `document`'s PDF, or raise ValueError saying why there is none."""
    try:
        with document.open_file() as handle:
            reader = PdfReader(handle)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValueError("encrypted")
            parts, length = [], 0
            for number, page in enumerate(reader.pages):
                if number >= MAX_PAGES or length >= MAX_CHARS:
                    break
                page_text = page.extract_text() or ""
                parts.append(page_text)
                length += len(page_text)
    except ValueError:
        raise
    except PyPdfError as error:
        raise ValueError(f"{type(error).__name__}: {error}"[:200]) from error
    except Exception as error:
        # pypdf meets damaged or hostile files with many kinds of error (KeyError,
        # RecursionError, ...): none may fail an upload or stop the worker.
        raise ValueError(type(error).__name__) from error
    text = _tidy("\n\n".join(parts))[:MAX_CHARS]
    if not text:
        raise ValueError("no text (scanned images?)")
    return text


def read_unread(document_ids) -> int:
    """Read the files of these documents that have no `FileText` yet (for a rebuild of the
    index: files uploaded before this was kept). Returns how many were read."""
    unread = set(document_ids) - set(
        FileText.objects.filter(document_id__in=document_ids).values_list("document_id", flat=True)
    )
    return sum(1 for document_id in sorted(unread) if read(document_id) is not None)


def read(document_id: int) -> FileText | None:
    """Read one document's file into its `FileText` (again only when the file changed).
    Returns None for a document that is gone or not a PDF."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not is_readable(document):
        return None
    known = FileText.objects.filter(document_id=document_id).first()
    if known is not None and known.file_hash == document.file_hash and document.file_hash:
        return known
    try:
        text, problem = extract(document), ""
    except ValueError as error:
        text, problem = "", str(error)
        logger.warning("search: document %s is indexed by its title only: %s", document_id, problem)
    with transaction.atomic():
        found, _ = FileText.objects.update_or_create(
            document_id=document_id,
            defaults={"file_hash": document.file_hash, "text": text, "problem": problem},
        )
    return found


def text_of(document_id: int | None) -> str:
    """What has been read of a document's file ("" when not yet, or not readable)."""
    if document_id is None:
        return ""
    return (
        FileText.objects.filter(document_id=document_id).values_list("text", flat=True).first()
        or ""
    )
