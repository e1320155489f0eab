"""Background work of the search index, queued as Django tasks (see settings.TASKS): the
text of an uploaded file is read after the upload has been saved, never during it."""

from django.db.models.signals import post_save
from django_tasks import task
from wagtail.documents import get_document_model

from . import files
from .sources import index_materials_of_document


@task()
def read_file_text(document_id: int) -> None:
    """Read an uploaded file's text, then index again the materials that use it."""
    if files.read(document_id) is not None:
        index_materials_of_document(document_id)


def _document_saved(sender, instance, raw=False, **kwargs):
    if not raw and files.is_readable(instance):
        read_file_text.enqueue(instance.pk)


def connect_signals() -> None:
    post_save.connect(
        _document_saved, sender=get_document_model(), dispatch_uid="byregion_search_file_text"
    )
