"""The search page, `/sok/`: one search box over everything the site publishes.

The address is the whole state (`?q=&type=&region=&theme=&organisation=&language=&from=&to=
&page=`), so every search can be shared. A filter value that names nothing (a renamed
theme in an old link, a date like 2017-02-30) is reported above the results in the reader's
language, the form keeps what was typed, and the other filters still apply, as on the news
listing. Results come from `search.query.search()`: tabs per type with the counts under the
other filters, highlighted titles and snippets, each in its own content language.
"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from byregion.core.dates import validate_in_range
from byregion.gatherings.models import Material
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.themes.models import Theme, sorted_themes

from . import complete, stats
from .query import search
from .sources import KINDS

PER_PAGE = 10
MAX_QUERY_LENGTH = 500

# A kind's name as a tab (plural) and as the label of one result (singular). Contexts keep
# these apart from the same English words in other apps' catalogues.
KIND_TABS = {
    "news": pgettext_lazy("search tab", "News"),
    "experience": pgettext_lazy("search tab", "Experiences"),
    "gathering": pgettext_lazy("search tab", "Gatherings"),
    "session": pgettext_lazy("search tab", "Sessions"),
    "material": pgettext_lazy("search tab", "Materials"),
    "organisation": pgettext_lazy("search tab", "Organisations"),
    "region": pgettext_lazy("search tab", "Regions"),
    "council": pgettext_lazy("search tab", "Councils"),
    "programme": pgettext_lazy("search tab", "Programmes"),
    "meeting": pgettext_lazy("search tab", "Meetings"),
    "municipality": pgettext_lazy("search tab", "Municipalities"),
}
KIND_LABELS = {
    "news": pgettext_lazy("search result", "News article"),
    "experience": pgettext_lazy("search result", "Experience"),
    "gathering": pgettext_lazy("search result", "Gathering"),
    "session": pgettext_lazy("search result", "Session"),
    "material": pgettext_lazy("search result", "Material"),
    "organisation": pgettext_lazy("search result", "Organisation"),
    "region": pgettext_lazy("search result", "Region"),
    "council": pgettext_lazy("search result", "Council"),
    "programme": pgettext_lazy("search result", "Programme"),
    "meeting": pgettext_lazy("search result", "Meeting"),
    "municipality": pgettext_lazy("search result", "Municipality"),
}
LANGUAGE_NAMES = {
    "nb": pgettext_lazy("content language", "Bokmål"),
    "nn": pgettext_lazy("content language", "Nynorsk"),
    "en": pgettext_lazy("content language", "English"),
}
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        validators=[validate_in_range],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write a date as YYYY-MM-DD, e.g. 2017-03-22.")},
    )


class SearchForm(forms.Form):
    """The search words and the filters. Invalid filters are dropped, the rest apply."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ModelChoiceField(
        label=pgettext_lazy("search filter", "Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=pgettext_lazy("search filter", "All regions"),
    )
    theme = forms.ModelChoiceField(
        label=pgettext_lazy("search filter", "Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=pgettext_lazy("search filter", "All themes"),
    )
    organisation = forms.ModelChoiceField(
        label=pgettext_lazy("search filter", "Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=pgettext_lazy("search filter", "All organisations"),
    )
    language = forms.ChoiceField(label=_("Language of the text"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [
            ("", pgettext_lazy("search filter", "All types")),
            *((kind, KIND_TABS[kind]) for kind in KINDS),
        ]
        self.fields["language"].choices = [
            ("", pgettext_lazy("search filter", "All languages")),
            *((code, LANGUAGE_NAMES[code]) for code, _name in settings.LANGUAGES),
        ]
        # "from" is a Python keyword: these two are added by name.
        self.fields["from"] = _date_field(_("From date"))
        self.fields["to"] = _date_field(_("To date"))
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "ds-input"
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"id_{name}-error"

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end date is before the start date."))
            data.pop("to", None)
        return data

    @property
    def filters_used(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in self.fields if name not in ("q", "type"))

    def search_arguments(self) -> dict:
        """The valid filters as `search()` takes them."""
        data = getattr(self, "cleaned_data", {})
        return {
            "kinds": data.get("type") or (),
            "regions": [data["region"].pk] if data.get("region") else (),
            "themes": [data["theme"].pk] if data.get("theme") else (),
            "organisation": data["organisation"].pk if data.get("organisation") else None,
            "language": data.get("language") or None,
            "date_from": data.get("from"),
            "date_to": data.get("to"),
        }


def localised_url(url: str, language: str | None = None) -> str:
    """A document's (Bokmål, unprefixed) address in the reader's UI language.

    Every searchable address is under `i18n_patterns`, where Bokmål has no prefix and the
    other languages have theirs (`/nn/...`, `/en/...`).
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not url.startswith("/") or url.startswith("//"):
        return url
    return f"/{language}{url}"


def _page_number(value) -> int:
    try:
        return max(1, min(int(value), 10_000))
    except (TypeError, ValueError):
        return 1


def _query_string(params, **changes) -> str:
    """This search's address with some parameters changed, from its first page."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    return f"?{query.urlencode()}"


def _tabs(request, results, chosen: str) -> list[dict]:
    counts = results.counts
    tabs = [
        {
            "kind": "",
            "label": pgettext_lazy("search tab", "All"),
            "count": sum(counts.values()),
            # A floor: counting stopped at the cap (search.query.Results).
            "floor": bool(results.capped_kinds),
            "href": _query_string(request.GET, type=None),
            "current": not chosen,
        }
    ]
    for kind in KINDS:
        if counts.get(kind) or kind == chosen:
            tabs.append(
                {
                    "kind": kind,
                    "label": KIND_TABS[kind],
                    "count": counts.get(kind, 0),
                    "floor": kind in results.capped_kinds,
                    "href": _query_string(request.GET, type=kind),
                    "current": kind == chosen,
                }
            )
    return tabs


def _result_items(hits) -> list[dict]:
    """What the page shows of each hit; the publishers named in one query, and the files
    of the materials among them in one more (a material's hit leads to its file, and names
    the session it belongs to)."""
    ids = {
        hit.organisation_id for hit in hits if hit.organisation_id and hit.kind != "organisation"
    }
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    material_ids = [hit.object_id for hit in hits if hit.kind == "material"]
    materials = (
        Material.objects.select_related("document", "session").in_bulk(material_ids)
        if material_ids
        else {}
    )
    items = []
    for hit in hits:
        item = {
            "hit": hit,
            "url": localised_url(hit.url),
            "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
            "organisation": names.get(hit.organisation_id, ""),
            "date": hit.date if hit.kind != "municipality" else None,
            "valid_from": hit.date if hit.kind == "municipality" else None,
        }
        material = materials.get(hit.object_id) if hit.kind == "material" else None
        if material is not None:
            item["session"] = {"title": material.session.title, "url": item["url"]}
            if material.document is not None:
                item["file"] = {
                    "url": material.document.url,
                    "type": material.document.file_extension.upper(),
                    "size": material.document.file_size,
                }
                item["url"] = material.document.url
        items.append(item)
    return items


def search_page(request):
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid filters are reported and left out; the rest apply
    else:
        form.cleaned_data = {}
    query = (form.cleaned_data.get("q") or "").strip()
    if form.is_bound and "q" in form.errors:  # longer than the limit: search its beginning
        query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    context = {"form": form, "query": query, "results": None}
    if query:
        page = _page_number(request.GET.get("page"))
        arguments = form.search_arguments()
        results = search(query, page=page, per_page=PER_PAGE, **arguments)
        if results.total and page > results.pages:  # an old link past the end: the last page
            results = search(query, page=results.pages, per_page=PER_PAGE, **arguments)
        paginator = Paginator(range(results.total), results.per_page)
        page_obj = paginator.get_page(results.page) if results.total else None
        context.update(
            results=results,
            items=_result_items(results.hits),
            tabs=_tabs(request, results, form.cleaned_data.get("type") or ""),
            page_obj=page_obj,
            page_range=paginator.get_elided_page_range(results.page, on_each_side=1)
            if page_obj
            else (),
        )
    else:
        context["themes"] = sorted_themes(Theme.objects.all())
    response = render(request, "search/search_page.html", context)
    results = context["results"]
    if results is not None and not results.is_empty_query and results.page == 1:
        # Counted without anything about who searched (search/stats.py). What found
        # nothing as typed is not kept by the page cache, so each such search is counted.
        found = bool(results.total) and not (results.corrected or results.relaxed)
        stats.record(query, found=found)
        if not found:
            patch_cache_control(response, no_store=True)
    return response


def suggestions(request):
    """`/sok/forslag/?q=...`: titles for the header's search box while typing, as JSON
    (`{"query": ..., "suggestions": [{"title", "type", "label", "url", "language"}]}`).

    Not a search: nothing is counted (search/stats.py counts what the search page answers),
    and a query too short answers an empty list, one too long is cut. Kept by the page
    cache like any anonymous answer, so a prefix many type is looked up once per change.
    """
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    found = complete.suggestions(query)
    response = JsonResponse(
        {
            "query": query,
            "suggestions": [
                {
                    "title": suggestion.title,
                    "type": suggestion.kind,
                    "label": str(KIND_LABELS.get(suggestion.kind, suggestion.kind)),
                    "url": localised_url(suggestion.url),
                    "language": suggestion.language,
                }
                for suggestion in found
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return response
