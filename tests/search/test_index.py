"""The index follows the content: registered models' writes, in their transactions."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from byregion.organisations.models import Organisation
from byregion.places.models import Place
from byregion.search import index
from byregion.search.models import Document
from byregion.search.query import search

pytestmark = pytest.mark.django_db


def organisation(**fields):
    fields = {
        "name": "Ålesund kommune",
        "slug": "alesund-kommune",
        "kind": "municipality",
        **fields,
    }
    return Organisation.objects.create(**fields)


def municipality(code="1507", name="Ålesund", **fields):
    return Place.objects.create(
        kind="municipality", code=code, name=name, valid_from=dt.date(2020, 1, 1), **fields
    )


def test_saving_an_organisation_indexes_it_and_deleting_removes_it():
    org = organisation(description="Kommunen samarbeider med næringslivet i regionen.")
    document = Document.objects.get()
    assert (document.kind, document.title, document.url) == (
        "organisation", "Ålesund kommune", "/organisasjoner/alesund-kommune/"
    )  # fmt: skip
    assert document.organisation_id == org.pk
    assert [hit.title for hit in search("næringsliv").hits] == ["Ålesund kommune"]

    org.name = "Giske kommune"
    org.save()
    assert search("giske").total == 1
    assert search("ålesund").total == 0  # the engine's index followed the update

    org.delete()
    assert not Document.objects.exists()
    assert search("giske").total == 0


def test_municipalities_are_indexed_and_counties_are_not():
    county = Place.objects.create(
        kind="county", code="15", name="Møre og Romsdal", valid_from=dt.date(2020, 1, 1)
    )
    municipality(parent=county, names={"nb": "Ålesund", "nn": "Ålesund"})
    document = Document.objects.get()
    assert document.kind == "municipality"
    assert document.title == "Ålesund (1507)"
    assert document.url == "/kommuner/1507/"
    assert "Møre og Romsdal" in document.summary
    assert [hit.title for hit in search("kommunen 1507").hits] == ["Ålesund (1507)"]


def test_a_write_rolled_back_leaves_no_document():
    with pytest.raises(RuntimeError), transaction.atomic():
        organisation()
        assert Document.objects.count() == 1
        raise RuntimeError("the content write failed after the index write")
    assert not Document.objects.exists()
    assert search("ålesund").total == 0


def test_facets_are_replaced_on_reindexing():
    from byregion.networks.models import Region

    org = organisation()
    Region.objects.create(name="Ålesundregionen", slug="alesundregionen", host=org)
    index.index_object(org)
    region = Region.objects.get()
    assert (
        Document.objects.get(kind="organisation").facet_terms
        == f"korganisation lnb r{region.pk} o{org.pk}"
    )
    assert search("ålesund", kinds="organisation", regions=[region.pk]).total == 1
    region_id = region.pk
    region.delete()
    index.index_object(org)
    assert search("ålesund", kinds="organisation", regions=[region_id]).total == 0


def test_an_unregistered_object_is_refused():
    from byregion.themes.models import Theme

    with pytest.raises(LookupError):
        index.index_object(Theme(slug="x", name_nb="x", name_nn="x", name_en="x"))


def test_rebuild_is_idempotent_and_drops_what_no_longer_exists(capsys):
    organisation()
    municipality()
    Document.objects.filter(kind="organisation").update(title="stale")
    stray = Document.objects.get(kind="municipality")
    Organisation.objects.filter(pk__gt=0).update(description="Ny tekst om byregionane")

    with translation.override("en"):
        call_command("rebuild_search_index")
    first = sorted(Document.objects.values_list("kind", "title"))
    call_command("rebuild_search_index")
    assert sorted(Document.objects.values_list("kind", "title")) == first
    assert first == [("municipality", "Ålesund (1507)"), ("organisation", "Ålesund kommune")]
    assert not Document.objects.filter(pk=stray.pk).exists()  # rewritten, not patched
    assert search("byregion").total == 1
    assert "Indexed 2 documents" in capsys.readouterr().out


def test_a_full_rebuild_drops_documents_of_types_no_longer_searchable():
    from .conftest import add_document

    add_document(title="Left over from a type no longer registered")
    index.rebuild()
    assert not Document.objects.exists()


def test_rebuild_of_one_model_leaves_the_others():
    organisation()
    municipality()
    Document.objects.filter(kind="municipality").update(title="kept as it was")
    call_command("rebuild_search_index", "organisations.Organisation")
    assert Document.objects.get(kind="municipality").title == "kept as it was"


@pytest.mark.parametrize(
    ("label", "message"),
    [("nosuch.Model", "nosuch.Model: ingen slik modell"), ("themes.Theme", "er ikke søkbar")],
)
def test_rebuild_names_a_bad_model_in_one_line(label, message):
    with pytest.raises(CommandError, match=message):
        call_command("rebuild_search_index", label)


def test_a_many_to_many_change_reindexes_a_plain_model(monkeypatch):
    from byregion.networks.models import Programme, Region

    monkeypatch.setattr(index, "_sources", dict(index._sources))
    index.register(
        Region,
        lambda region: index.DocumentData(
            kind="region", title=region.name, url="/",
            body=" ".join(programme.name for programme in region.programmes.all()),
        ),
    )  # fmt: skip
    region = Region.objects.create(name="Ålesundregionen", slug="alesundregionen")
    owner = organisation()
    programme = Programme.objects.create(
        name="Byregionprogrammet", slug="byregionprogrammet", owner=owner,
        start=dt.date(2014, 1, 1),
    )  # fmt: skip
    assert search("byregionprogrammet", kinds="region").total == 0
    region.programmes.add(programme, through_defaults={"joined": dt.date(2014, 1, 1)})
    assert search("byregionprogrammet", kinds="region").total == 1
