"""The participant's form (register and change) and the organisers' small admin forms."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from byregion.gatherings import formatting
from byregion.gatherings.models import SessionFormat
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.places.models import Place, PlaceKind

from .evaluation import prompt, rating_labels
from .models import Dietary, Questionnaire, Registration, RoleCategory

# The registration form's field that people never see (`RegistrationForm`): a name no
# browser or password manager fills in by itself (they look for name, e-mail, address,
# phone, organisation, url, ...), and that a robot filling in every field will.
HONEYPOT = "extra_comment"


class LocalizedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.localized_name if isinstance(obj, Place) else str(obj)


class SessionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, session):
        start = timezone.localtime(session.start)
        end = timezone.localtime(session.end)
        day = date_format(start, "DATE_FORMAT")
        return f"{day}, {start:%H:%M}\N{EN DASH}{end:%H:%M}: {session.title}"


class ApplicantForm(forms.Form):
    """Who is coming and what they will attend. Used to register, and to change through the
    personal link (where the hidden form key is not used)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Write your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write a valid e-mail address, like name@example.no."),
        },
        help_text=_("We send the confirmation and your personal link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation from the directory"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Not in the list – I write it below"),  # noqa: RUF001
    )
    organisation_name = forms.CharField(
        label=_("Or write your organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    role = forms.ModelChoiceField(
        label=_("Role category"),
        queryset=RoleCategory.objects.all(),
        empty_label=_("Choose one"),
        error_messages={"required": _("Choose the role category closest to yours.")},
        help_text=_("For the statistics of who takes part."),
    )
    region = forms.ModelChoiceField(
        label=_("Home region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("None of the regions"),
    )
    municipality = LocalizedChoiceField(
        label=_("Home municipality"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("Not given"),
    )
    sessions = SessionField(
        label=_("What will you attend?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("A chosen session is not part of this gathering."),
            "invalid_pk_value": _("A chosen session is not part of this gathering."),
        },
    )
    dietary = forms.MultipleChoiceField(
        label=_("Dietary needs"),
        choices=Dietary.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Caterers see totals only; we erase this when the gathering is over."),
    )
    dietary_other = forms.CharField(label=_("Other dietary needs"), max_length=200, required=False)
    accessibility = forms.CharField(
        label=_("Accessibility needs"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you need to take part. We erase this when the gathering is over."),
    )
    public_consent = forms.BooleanField(
        label=_("Show my name, organisation and region on the public participant list"),
        required=False,
        help_text=_("Optional. You can withdraw this at any time through your personal link."),
    )

    def __init__(self, *args, gathering, **kwargs):
        super().__init__(*args, **kwargs)
        self.gathering = gathering
        sessions = self.fields["sessions"]
        sessions.queryset = gathering.sessions.exclude(format=SessionFormat.BREAK)
        # Render from one list, read only when the form is shown: a valid POST is answered
        # with a redirect and needs no list (validation checks against the queryset).
        sessions.widget.choices = lambda: self.session_choices
        day = timezone.localtime(gathering.start).date()
        self.fields["municipality"].queryset = (
            Place.objects.filter(kind=PlaceKind.MUNICIPALITY).valid_on(day).order_by("name")
        )
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "ds-input")

    @cached_property
    def session_list(self) -> list:
        return list(self.fields["sessions"].queryset.order_by("start", "end", "title", "pk"))

    @cached_property
    def session_choices(self) -> list[tuple[int, str]]:
        field = self.fields["sessions"]
        return [(s.pk, field.label_from_instance(s)) for s in self.session_list]

    @property
    def session_groups(self) -> list[dict]:
        """The sessions by day, then by time slot (the same start and end), each with its
        checkbox: [{"day": "tysdag 14. april 2027", "slots": [{"time": "12.30-14.00",
        "options": [(checkbox, session), ...]}, ...]}, ...]."""
        boxes = {str(box.data["value"]): box for box in self["sessions"]}
        days: list[dict] = []
        for session in self.session_list:
            day = formatting.format_day(session.start)
            if not days or days[-1]["day"] != day:
                days.append({"day": day, "slots": []})
            time = formatting.format_time_range(session.start, session.end)
            slots = days[-1]["slots"]
            if not slots or slots[-1]["time"] != time:
                slots.append({"time": time, "options": []})
            slots[-1]["options"].append((boxes[str(session.pk)], session))
        return days

    @property
    def has_sessions(self) -> bool:
        return bool(self.session_choices)

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        typed = (data.get("organisation_name") or "").strip()
        if organisation:
            data["organisation_name"] = organisation.name
        elif not typed:
            self.add_error(
                "organisation_name",
                _("Pick your organisation from the directory or write its name."),
            )
        return data

    def applicant_data(self, language: str) -> dict:
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("idempotency_key", HONEYPOT)
        }
        data["language"] = language
        return data

    @classmethod
    def initial_from(cls, registration: Registration) -> dict:
        return {
            **{
                field: getattr(registration, field)
                for field in (
                    "name", "email", "phone", "organisation", "organisation_name", "position",
                    "role", "region", "municipality", "dietary", "dietary_other",
                    "accessibility", "public_consent",
                )
            },
            "sessions": [c.session_id for c in registration.session_choices.all()],
        }  # fmt: skip


class RegistrationForm(ApplicantForm):
    idempotency_key = forms.UUIDField(
        label=_("Form"),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form was incomplete. Please send it again."),
            "invalid": _("The form was incomplete. Please send it again."),
        },
    )
    # The field people never see (HONEYPOT): hidden by the stylesheet (off-screen, not
    # display: none, which some robots skip), out of the keyboard's way (tabindex -1) and
    # of screen readers' (its wrapper is aria-hidden, register.html). Its label speaks to a
    # person who sees it anyway, with the page's CSS off.
    extra_comment = forms.CharField(
        label=_("Leave this field empty. It is here to catch spam robots."),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh key each time the empty form is shown; a resubmission keeps the one posted.
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4()

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The form was not sent because the field for spam robots was filled "
                        "in. Leave it empty and send the form again."
                    ),
                    code="trap",
                ),
            )
        return data


class CheckInForm(forms.Form):
    q = forms.CharField(
        label=_("Name or check-in code"),
        max_length=200,
        required=False,
        help_text=_("Type a name, or scan or type the code from the confirmation."),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))


def _rating_field(label, help_text="") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=list(rating_labels().items()),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a number from 1 to 5.")},
    )


class EvaluationForm(forms.Form):
    """A gathering's questionnaire for one participant (`evaluation`): the questions it has
    switched on, and a rating for each of `sessions`. Every question may be left out."""

    def __init__(self, *args, questionnaire, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions
        if questionnaire.ask_overall:
            self.fields["overall"] = _rating_field(
                _("Overall, how was the gathering?"), _("From 1 (poor) to 5 (very good).")
            )
        if questionnaire.ask_relevance:
            self.fields["relevance"] = _rating_field(
                _("How relevant was it for your region's work?"),
                _("From 1 (not at all) to 5 (very relevant)."),
            )
        if questionnaire.ask_recommend:
            self.fields["recommend"] = forms.TypedChoiceField(
                label=_("Would you recommend the gathering to others?"),
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda value: value == "yes",
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose yes or no.")},
            )
        if questionnaire.rate_sessions:
            for session in sessions:
                self.fields[f"session_{session.pk}"] = _rating_field(session.title)
        if questionnaire.ask_comment:
            self.fields["comment"] = forms.CharField(
                label=prompt(questionnaire),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("Please do not write names or anything that identifies you."),
            )

    def session_fields(self):
        return [self[name] for name in self.fields if name.startswith("session_")]

    def question_fields(self):
        return [self[name] for name in ("overall", "relevance", "recommend") if name in self.fields]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "overall": data.get("overall"),
            "relevance": data.get("relevance"),
            "recommend": data.get("recommend"),
            "comment": data.get("comment", ""),
            "session_ratings": {
                int(name.removeprefix("session_")): value
                for name, value in data.items()
                if name.startswith("session_")
            },
        }


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = [
            "ask_overall", "ask_relevance", "ask_recommend", "rate_sessions", "ask_comment",
            "comment_prompt",
        ]  # fmt: skip
