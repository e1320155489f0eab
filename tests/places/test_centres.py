"""The administrative-centre positions shipped beside the snapshot (municipality-centres.json)."""

import datetime as dt

from byregion.places.models import Place, PlaceKind
from byregion.registrations.statistics import municipality_centres


def test_every_position_belongs_to_a_snapshot_version_and_lies_in_norway(snapshot_timeline):
    centres = municipality_centres()
    assert len(centres) >= 20
    versions = set(
        Place.objects.filter(kind=PlaceKind.MUNICIPALITY).values_list("code", "valid_from")
    )
    for (code, valid_from), position in centres.items():
        assert (code, valid_from) in versions, f"{code} from {valid_from} is not in the snapshot"
        assert 57.9 < position.latitude < 71.2 and 4.0 < position.longitude < 31.2
        assert position.source.startswith("https://")
        assert position.centre


def test_kristiansand_is_south_of_alesund_and_tromso_north_of_all():
    centres = municipality_centres()
    d2017 = dt.date(2017, 1, 1)
    kristiansand = centres[("1001", d2017)]
    tromso = centres[("1902", d2017)]
    assert kristiansand.latitude == min(p.latitude for p in centres.values())
    assert tromso.latitude == max(p.latitude for p in centres.values())
    assert centres[("1504", d2017)].latitude > kristiansand.latitude
