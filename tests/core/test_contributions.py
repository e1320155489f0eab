"""Slots: the upper floors fill them, the lower page gets the sections in order."""

from django.template import Context, Template

from byregion.core.contributions import Section, Slot


def test_collect_calls_the_fillers_in_order_and_leaves_out_none():
    slot = Slot("test page")

    @slot.fill(order=20)
    def second(thing):
        return Section("second.html", {"thing": thing})

    @slot.fill(order=10)
    def first(thing):
        return Section("first.html", {"thing": thing})

    @slot.fill(order=15)
    def nothing_to_show(thing):
        return None

    sections = slot.collect("x")
    assert [s.template for s in sections] == ["first.html", "second.html"]
    assert all(s.context == {"thing": "x"} for s in sections)


def test_filling_again_with_the_same_function_replaces_it():
    slot = Slot("test page")

    def filler():
        return "once"

    slot.fill(order=10)(filler)
    slot.fill(order=5)(filler)
    assert slot.collect() == ["once"]


def test_a_section_renders_with_the_page_context_and_its_own(tmp_path, settings):
    (tmp_path / "section.html").write_text("{{ page_value }}/{{ own }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    template = Template("{% load sections %}{% render_section section %}|{{ own|default:'-' }}")
    html = template.render(
        Context({"page_value": "page", "section": Section("section.html", {"own": "mine"})})
    )
    # The section's context does not leak into the rest of the page.
    assert html == "page/mine|-"
