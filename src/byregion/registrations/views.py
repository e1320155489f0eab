"""Public and personal pages. Views stay thin: rules live in `services` and `privacy`,
which also log each change (the views log nothing themselves).

Public pages (participant list, statistics) are the same bytes for every visitor. The
personal pages are not: they carry a person's data, so they are marked private and never
cached, and send no Referer to other sites (their address is the key to a person's
registration). The form is stored with holes for its CSRF token, form key and seats line,
filled for each visitor (docs/developers/caching.md, *Holes*).

When the gathering's lock is not free in time (`services.Busy`) nothing was written, and the
visitor gets the page again with a "try again" message, their input kept, as a 503 with
Retry-After. Over a limit of attempts (`limits`: per client and per e-mail address) it is
the same, as a 429.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import uuid
from functools import partial

from django.contrib import messages
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from byregion.core import pagecache
from byregion.core.visibility import public
from byregion.gatherings.models import GatheringPage

from . import audit, evaluation, limits, privacy, services
from .forms import ApplicantForm, EvaluationForm, RegistrationForm
from .ical import qr_svg, registration_calendar
from .models import PERSONAL_LINK_SALT, Registration, SessionChoice, Status
from .spreadsheets import safe_cell
from .statistics import gathering_statistics

logger = logging.getLogger(__name__)


def _gathering(slug: str) -> GatheringPage:
    gathering = public(GatheringPage.objects).filter(slug=slug).first()
    if gathering is None:
        raise Http404
    return gathering


def _personal(response: HttpResponse) -> HttpResponse:
    # same-origin: no Referer leaves the site, but our own forms still pass the CSRF check.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _busy(response: HttpResponse) -> HttpResponse:
    response.status_code = 503
    response["Retry-After"] = str(services.Busy.retry_after)
    return response


def _limited(response: HttpResponse, wait: int) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response


def _minutes(wait: int) -> int:
    return max(1, math.ceil(wait / 60))


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@pagecache.hole_filler("session-seats")
def _session_seats(request, gathering_pk, session_pk, capacity) -> str:
    """A limited session's seats left, for each visitor of the stored form: the counts of
    all the gathering's sessions in one query, kept on the request for its other holes."""
    known = getattr(request, "_byregion_session_seats", None)
    if known is None or known[0] != gathering_pk:
        known = (gathering_pk, services.session_seats_taken(gathering_pk))
        request._byregion_session_seats = known
    left = max(capacity - known[1].get(session_pk, 0), 0)
    if not left:
        return escape(_("Full, waitlist"))
    return escape(ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left})


@pagecache.hole_filler("registration-status")
def _registration_status(request, gathering_pk, fields) -> str:
    """The seats line, for each visitor of the stored form: one query (the counts). The
    gathering's fields come with the hole: they change only with the content, which makes
    a new page."""
    return render_to_string(
        "registrations/includes/registration_status.html",
        {"gathering": GatheringPage(pk=gathering_pk, **fields), "request": request},
    )


def _status_fields(gathering: GatheringPage) -> dict:
    return {name: getattr(gathering, name) for name in ("slug", *services.SEAT_FIELDS)}


@require_http_methods(["GET", "POST"])
def register(request, slug):
    """The form. Its page is kept by the page cache with holes for what is each visitor's
    own (the CSRF token, the form key) and for the seats left, so 2,000 people opening it
    at once are served from the cache; the answer is private all the same."""
    gathering = _gathering(slug)
    window = services.registration_window(gathering)
    form = RegistrationForm(request.POST or None, gathering=gathering)
    if not form.is_bound:
        form.initial["idempotency_key"] = pagecache.hole(request, "uuid")
    busy = False
    wait = 0
    if request.method == "POST" and form.is_valid():
        # Counted before the seat lock, and only for a form that would register.
        wait = limits.wait_before_mailing(request, form.cleaned_data["email"])
    elif form.is_bound and form.has_error(NON_FIELD_ERRORS, "trap"):
        logger.info("Registration form refused: the field for robots was filled in")
    if wait:
        minutes = _minutes(wait)
        form.add_error(
            None,
            ngettext(
                "Too many registrations have been sent from your network or for this e-mail "
                "address. Please try again in %(minutes)s minute.",
                "Too many registrations have been sent from your network or for this e-mail "
                "address. Please try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
    elif request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                gathering,
                form.applicant_data(get_language()),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except services.AlreadyRegistered:
            return redirect("registrations:link_sent", slug=gathering.slug)
        except services.Busy as error:
            form.add_error(None, str(error.message))
            busy = True
        except ValidationError as error:
            _add_service_errors(form, error)
            if getattr(error, "code", None) == "key_used":
                # Someone else's key (or the same form sent with another address): a fresh
                # key, so the corrected form makes a registration of its own.
                form.data = form.data.copy()
                form.data["idempotency_key"] = str(uuid.uuid4())
        else:
            return redirect(registration.get_personal_url() + "?new=1")
    response = render(
        request,
        "registrations/register.html",
        {
            "gathering": gathering,
            "form": form,
            "window": window,
            "status_fields": _status_fields(gathering),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
    if wait:
        return _limited(response, wait)
    return _busy(response) if busy else response


def link_sent(request, slug):
    """After a second attempt with an address that has a registration: the same page
    whatever the address, so it tells no one whether it is registered (the mail does)."""
    gathering = _gathering(slug)
    return render(request, "registrations/link_sent.html", {"gathering": gathering})


def _registration_for(token: str) -> Registration:
    try:
        raw = signing.Signer(salt=PERSONAL_LINK_SALT).unsign(token)
    except signing.BadSignature:
        raise Http404 from None
    registration = (
        Registration.objects.select_related("gathering", "role", "region", "municipality")
        .prefetch_related(
            Prefetch("session_choices", SessionChoice.objects.select_related("session"))
        )
        .filter(token=raw, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def _waitlist_position(registration: Registration) -> int | None:
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        gathering_id=registration.gathering_id,
        status=Status.WAITLISTED,
        created__lte=registration.created,
    ).exclude(created=registration.created, pk__gt=registration.pk)
    return ahead.count()


@never_cache
@require_http_methods(["GET", "POST"])
def personal(request, token):
    """The personal page. Once the gathering has ended it shows the registration and the
    export but no forms; a post is still the service's to refuse (code "ended")."""
    registration = _registration_for(token)
    form = None
    busy = False
    wait = 0
    if registration.status != Status.CANCELLED:
        initial = ApplicantForm.initial_from(registration)
        form = ApplicantForm(
            request.POST or None, gathering=registration.gathering, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            # Every saved change mails the address it names (a new one gets its link): held
            # by a stranger who registered someone else's address, the button must not
            # flood that address, so it is limited like registering.
            wait = limits.wait_before_mailing(request, form.cleaned_data["email"])
        if wait:
            minutes = _minutes(wait)
            form.add_error(
                None,
                ngettext(
                    "Too many changes have been sent from your network or for this e-mail "
                    "address. Please try again in %(minutes)s minute.",
                    "Too many changes have been sent from your network or for this e-mail "
                    "address. Please try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
        elif request.method == "POST" and form.is_valid():
            try:
                services.update(registration, form.applicant_data(registration.language))
            except services.Busy as error:
                form.add_error(None, str(error.message))
                busy = True
            except ValidationError as error:
                if error.code == "ended":
                    return _personal_ended(request, registration)
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(registration.get_personal_url())
    response = _personal_page(request, registration, form)
    if wait:
        return _limited(response, wait)
    return _busy(response) if busy else response


def _personal_page(request, registration: Registration, form=None, status=None) -> HttpResponse:
    ended = registration.gathering.has_ended()
    response = render(
        request,
        "registrations/personal.html",
        {
            "gathering": registration.gathering,
            "registration": registration,
            "form": None if ended else form,
            "ended": ended,
            "new": request.GET.get("new") == "1",
            "waitlist_position": _waitlist_position(registration),
            "evaluation_open": evaluation.evaluation_link_open(registration),
            "qr": qr_svg(registration.check_in_code)
            if registration.status == Status.CONFIRMED
            else "",
        },
        status=status
        or (400 if not ended and form is not None and form.is_bound and form.errors else 200),
    )
    return _personal(response)


def _personal_ended(request, registration: Registration) -> HttpResponse:
    """A change, cancellation or consent posted after the gathering ended: refused by the
    service, nothing written; the read-only page, which says why, as a 403."""
    return _personal_page(request, registration, status=403)


def _personal_busy(request, registration: Registration, error: services.Busy) -> HttpResponse:
    """A button on the personal page met a busy lock: the page again, saying so."""
    messages.error(request, error.message)
    form = None
    if registration.status != Status.CANCELLED:
        initial = ApplicantForm.initial_from(registration)
        form = ApplicantForm(gathering=registration.gathering, initial=initial)
    return _busy(_personal_page(request, registration, form))


def _refused(request, registration: Registration, change) -> HttpResponse | None:
    """Make a participant's change from a button on the personal page; the page to answer
    instead when the seat lock is busy or the gathering has ended (nothing written)."""
    try:
        change()
    except services.Busy as error:
        return _personal_busy(request, registration, error)
    except ValidationError as error:
        if error.code == "ended":
            return _personal_ended(request, registration)
        raise
    return None


@never_cache
@require_POST
def personal_cancel(request, token):
    registration = _registration_for(token)
    if refused := _refused(request, registration, partial(services.cancel, registration)):
        return refused
    messages.success(request, _("Your registration is cancelled."))
    return redirect(registration.get_personal_url())


@never_cache
@require_POST
def personal_consent(request, token):
    registration = _registration_for(token)
    consent = request.POST.get("consent") == "1"
    change = partial(services.update, registration, {"public_consent": consent}, notify=False)
    if refused := _refused(request, registration, change):
        return refused
    messages.success(request, _("Your choice for the participant list is saved."))
    return redirect(registration.get_personal_url())


@never_cache
@require_POST
def send_confirmation(request, token):
    """The personal page's "send the link again": limited by the per-address count, which
    registering and changing the address share."""
    registration = _registration_for(token)
    if services.needs_email_confirmation(registration):
        wait = limits.wait_before_mailing(request, registration.email, per_client=False)
        if wait:
            minutes = _minutes(wait)
            messages.error(
                request,
                ngettext(
                    "We have sent the link too many times. Please try again in %(minutes)s minute.",
                    "We have sent the link too many times. Please try again in "
                    "%(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            initial = ApplicantForm.initial_from(registration)
            form = ApplicantForm(gathering=registration.gathering, initial=initial)
            return _limited(_personal_page(request, registration, form), wait)
        services.send_email_confirmation(registration)
        messages.success(request, _("We have sent a new link to your e-mail address."))
    return redirect(registration.get_personal_url())


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, token, code):
    """The link in the mail: a page with a button, which confirms (a POST). Opening the
    link confirms nothing: mail scanners and link previews open links too."""
    registration = _registration_for(token)
    context = {"gathering": registration.gathering, "registration": registration}
    if not registration.confirms_email(code):
        return _stale_confirmation(request, context)
    if request.method == "POST":
        try:
            services.confirm_email(registration, code)
        except services.Busy as error:
            messages.error(request, error.message)
            return _busy(_personal(render(request, "registrations/confirm_email.html", context)))
        except ValidationError:
            return _stale_confirmation(request, context)
        messages.success(request, _("Your e-mail address is confirmed."))
        return redirect(registration.get_personal_url())
    return _personal(render(request, "registrations/confirm_email.html", context))


def _stale_confirmation(request, context) -> HttpResponse:
    return _personal(
        render(request, "registrations/confirm_email.html", {**context, "stale": True}, status=404)
    )


@never_cache
def personal_export(request, token, fmt):
    if fmt not in ("json", "csv"):
        raise Http404
    data = privacy.personal_data(_registration_for(token), actor=audit.PARTICIPANT)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["field", "value"])
        for key, value in data.items():
            if isinstance(value, list):
                value = json.dumps(value, ensure_ascii=False)
            writer.writerow([key, safe_cell(value)])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registration.{fmt}"'
    return _personal(response)


@never_cache
def my_programme(request, token):
    registration = _registration_for(token)
    return _personal(
        render(
            request,
            "registrations/my_programme.html",
            {"gathering": registration.gathering, "registration": registration},
        )
    )


@never_cache
def my_programme_ics(request, token):
    registration = _registration_for(token)
    response = HttpResponse(registration_calendar(registration), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="my-programme.ics"'
    return _personal(response)


def participants(request, slug):
    gathering = _gathering(slug)
    pagecache.depends_on(services.seats_tag(gathering.pk))
    people = (
        Registration.objects.on_public_list()
        .filter(gathering=gathering)
        .select_related("region")
        .only("name", "organisation_name", "region__name")
        .order_by("name", "pk")
    )
    return render(
        request, "registrations/participants.html", {"gathering": gathering, "people": people}
    )


def statistics(request, slug):
    gathering = _gathering(slug)
    pagecache.depends_on(services.seats_tag(gathering.pk))
    return render(
        request,
        "registrations/statistics.html",
        {"gathering": gathering, "stats": gathering_statistics(gathering)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def evaluate(request, token):
    """The gathering's evaluation, through the personal link: the form, or a page saying
    why it cannot be answered (already answered, not started, not a confirmed participant,
    no questionnaire). A post that fails shows the form again with what was typed."""
    registration = _registration_for(token)
    context = {"gathering": registration.gathering, "registration": registration}
    try:
        questionnaire = evaluation.check_may_answer(registration)
    except evaluation.Closed as closed:
        return _evaluation_closed(request, context, closed.reason)
    sessions = evaluation.sessions_to_rate(registration) if questionnaire.rate_sessions else []
    form = EvaluationForm(request.POST or None, questionnaire=questionnaire, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.answer(registration, form.answers())
        except evaluation.Closed as closed:
            return _evaluation_closed(request, context, closed.reason)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            return redirect("registrations:evaluated", token)
    response = render(
        request,
        "registrations/evaluation.html",
        {**context, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
    return _personal(response)


def _evaluation_closed(request, context, reason: str) -> HttpResponse:
    status = 200 if reason == "answered" else 403
    return _personal(
        render(
            request,
            "registrations/evaluation_closed.html",
            {**context, "reason": reason},
            status=status,
        )
    )


@never_cache
def evaluated(request, token):
    """The thanks after answering (and, opened later, that it is answered)."""
    registration = _registration_for(token)
    if not registration.evaluated:
        return redirect("registrations:evaluate", token)
    return _personal(
        render(
            request,
            "registrations/evaluation_closed.html",
            {"gathering": registration.gathering, "registration": registration, "reason": "thanks"},
        )
    )
