"""Adding a meeting as a region's editor does it (issue 16, item 8): from the council, with
the admin's date-time picker in the Norwegian format, and a link to the public page after."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from byregion.networks.models import Council, Meeting
from tests.networks.test_admin import login, url


def alesund_council():
    return Council.objects.get(slug="radet-for-region-alesund")


def meeting_form(council, **overrides):
    data = {
        "council": council.pk,
        "title": "Andre møte",
        "start": "22.03.2017 10.00",
        "end": "22.03.2017 14.00",
        "venue_name": "",
        "venue_address": "",
        "status": "planned",
        "minutes": "",
        "agenda_items": inline_formset([]),
        "attachments": inline_formset([]),
        "attendance": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def speak(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_start_and_end_have_the_picker_and_the_format(client, alesund_editor):
    html = login(client, alesund_editor).get(url("meeting", "add")).content.decode()
    for name in ("start", "end"):
        assert f'initDateTimeChooser("id_{name}"' in html
    assert '"format": "d.m.Y H.i"' in html
    assert 'placeholder="dd.mm.åååå tt.mm"' in html


def test_the_edit_form_shows_the_stored_time_the_norwegian_way(client, alesund_editor):
    meeting = Meeting.objects.get(council=alesund_council())
    html = login(client, alesund_editor).get(url("meeting", "edit", meeting.pk)).content.decode()
    assert 'value="10.03.2017 10.00"' in html


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("typed", ["22.03.2017 10.00", "22.03.2017 10:00", "2017-03-22 10:00"])
def test_a_time_typed_the_norwegian_way_is_read_in_every_language(
    client, alesund_editor, language, typed
):
    speak(alesund_editor, language)
    response = login(client, alesund_editor).post(
        url("meeting", "add"), meeting_form(alesund_council(), start=typed)
    )
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get(title="Andre møte")
    assert meeting.start == dt.datetime(2017, 3, 22, 9, tzinfo=dt.UTC)  # 10.00 in Oslo
    assert meeting.end == dt.datetime(2017, 3, 22, 13, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "language, message",
    [
        ("nb", "dd.mm.åååå tt.mm, f.eks. 22.03.2017 10.00"),
        ("nn", "dd.mm.åååå tt.mm, til dømes 22.03.2017 10.00"),
        ("en", "dd.mm.yyyy hh.mm, e.g. 22.03.2017 10.00"),
    ],
)
def test_a_badly_typed_time_is_refused_with_the_format(client, alesund_editor, language, message):
    speak(alesund_editor, language)
    response = login(client, alesund_editor).post(
        url("meeting", "add"), meeting_form(alesund_council(), start="22/3 kl 10")
    )
    assert response.status_code == 200
    assert "start" in response.context["form"].errors
    html = response.content.decode()
    assert message in html
    assert 'value="22/3 kl 10"' in html  # the form keeps what was typed
    assert not Meeting.objects.filter(title="Andre møte").exists()


def test_the_council_leads_to_adding_its_meeting(client, alesund_editor):
    council = alesund_council()
    client = login(client, alesund_editor)
    html = client.get(url("council", "edit", council.pk)).content.decode()
    add_url = f"{url('meeting', 'add')}?council={council.pk}"
    assert f'href="{add_url}"' in html
    assert f'href="{url("meeting", "list")}?council={council.pk}"' in html
    form = client.get(add_url).context["form"]
    assert form["council"].value() == council.pk


def test_a_council_outside_the_editors_regions_is_not_preselected(client, alesund_editor, regions):
    other = Council.objects.create(region=regions["molderegionen"], name="Molderådet", slug="rad")
    Council.objects.create(region=regions["alesundregionen"], name="Ungdomsrådet", slug="ung")
    form = login(client, alesund_editor).get(f"{url('meeting', 'add')}?council={other.pk}")
    assert form.context["form"]["council"].value() is None


def test_an_editor_with_one_council_finds_it_chosen(client, alesund_editor):
    form = login(client, alesund_editor).get(url("meeting", "add")).context["form"]
    assert form["council"].value() == alesund_council().pk


def test_after_saving_the_editor_is_shown_the_public_page(client, alesund_editor):
    client = login(client, alesund_editor)
    response = client.post(url("meeting", "add"), meeting_form(alesund_council()))
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Andre møte")
    [message] = [str(m.message) for m in get_messages(response.wsgi_request)]
    assert f'href="{meeting.get_absolute_url()}"' in message
    assert "«Andre møte, 22.03.2017 10.00»" in message
    edit = client.get(url("meeting", "edit", meeting.pk)).content.decode()
    assert f'href="{meeting.get_absolute_url()}"' in edit


def test_the_meeting_list_writes_dates_the_norwegian_way(client, alesund_editor):
    html = login(client, alesund_editor).get(url("meeting", "list")).content.decode()
    [row] = BeautifulSoup(html, "html.parser").select("tbody tr")
    cells = [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
    assert "10.03.2017 10.00" in cells
    assert not any("2017-03-10" in cell for cell in cells)
    assert any(cell.startswith("Første møte") for cell in cells)
