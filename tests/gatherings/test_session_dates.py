"""A session's start and end are typed with the admin's picker, in the Norwegian format
(issue 16, item 8), as a meeting's are (tests/networks/test_meeting_admin.py)."""

import datetime as dt

ADMIN = "/admin/snippets/gatherings/session/"


def session_form(gathering, **fields):
    return {
        "gathering": gathering.pk,
        "title": "Middag",
        "format": "meal",
        **{f"{kind}-{key}": value for kind in ("speakers", "materials")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
        **fields,
    }  # fmt: skip


def test_the_session_form_has_the_picker_in_the_norwegian_format(admin_client, gathering):
    session = gathering.sessions.get(title="Middag")
    html = admin_client.get(f"{ADMIN}edit/{session.pk}/").text
    assert 'initDateTimeChooser("id_start"' in html and '"format": "d.m.Y H.i"' in html
    assert 'value="14.04.2027 19.00"' in html
    assert 'placeholder="dd.mm.åååå tt.mm"' in html


def test_a_session_typed_the_norwegian_way_is_saved(admin_client, gathering):
    session = gathering.sessions.get(title="Middag")
    form = session_form(gathering, start="14.04.2027 18.30", end="14.04.2027 21:00")
    response = admin_client.post(f"{ADMIN}edit/{session.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.start == dt.datetime(2027, 4, 14, 16, 30, tzinfo=dt.UTC)
    assert session.end == dt.datetime(2027, 4, 14, 19, tzinfo=dt.UTC)


def test_a_badly_typed_session_time_names_the_format(admin_client, gathering):
    session = gathering.sessions.get(title="Middag")
    form = session_form(gathering, start="14. april", end="14.04.2027 21.00")
    response = admin_client.post(f"{ADMIN}edit/{session.pk}/", form)
    assert response.status_code == 200
    assert "dd.mm.åååå tt.mm, f.eks. 22.03.2017 10.00" in response.text


def test_the_sessions_list_shows_times_as_typed(admin_client):
    """The list shows "14.04.2027 10.00", as the form takes it, not the ISO form."""
    from django.urls import reverse

    from byregion.gatherings.models import Session

    from .conftest import make_gathering, make_index, oslo

    gathering = make_gathering(make_index(), "listesamling")
    Session.objects.create(
        gathering=gathering, title="Opning", start=oslo(2027, 4, 14, 10, 0),
        end=oslo(2027, 4, 14, 11, 0),
    )  # fmt: skip
    html = admin_client.get(reverse("wagtailsnippets_gatherings_session:list")).content.decode()
    assert "14.04.2027 10.00" in html and "2027-04-14" not in html
