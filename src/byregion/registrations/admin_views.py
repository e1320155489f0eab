"""The organisers' own admin pages: a gathering's overview (counts, private statistics,
e-mail to participants), check-in on the day, its evaluation (questions, results, export,
comparison with its series), and one registration's actions (cancel, move
from the waitlist, check in, export, erase). The services log each action in Wagtail's
audit log with the organiser as actor; a busy gathering lock answers 503 with Retry-After.

Permissions are Django's model permissions on Registration (view to read, change to act,
delete to erase), within the user's gatherings (`permissions`): another organiser's
gathering or registration answers 404. Wagtail's admin URL wrapper already requires admin
access.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, checkin, evaluation, privacy, services, spreadsheets
from .forms import CheckInForm, MessageForm, QuestionnaireForm
from .models import Questionnaire, Registration, Status
from .permissions import gathering_or_404, manageable_gatherings, registration_or_404
from .statistics import gathering_statistics
from .tasks import send_message_to_participants


def _require(request, action: str) -> None:
    if not request.user.has_perm(f"registrations.{action}_registration"):
        raise PermissionDenied


def busy(request, error: services.Busy, back: str) -> TemplateResponse:
    """The gathering's lock was not free in time; nothing was done. Say so, and link back."""
    response = TemplateResponse(
        request,
        "registrations/admin/busy.html",
        {"message": error.message, "back": back},
        status=503,
    )
    response["Retry-After"] = str(error.retry_after)
    return response


def gatherings(request):
    _require(request, "view")
    rows = (
        manageable_gatherings(request.user)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waitlisted=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            attended=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("-start", "-pk")
    )
    return TemplateResponse(request, "registrations/admin/gatherings.html", {"gatherings": rows})


def gathering(request, gathering_id):
    _require(request, "view")
    page = gathering_or_404(request.user, gathering_id)
    form = MessageForm()
    return TemplateResponse(
        request,
        "registrations/admin/gathering.html",
        {
            "gathering": page,
            "stats": gathering_statistics(page, private=True),
            "message_form": form,
            "can_change": request.user.has_perm("registrations.change_registration"),
        },
    )


@require_POST
def message(request, gathering_id):
    _require(request, "change")
    page = gathering_or_404(request.user, gathering_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a subject and a message."))
        return redirect("registrations_admin:gathering", page.pk)
    send_message_to_participants.enqueue(
        page.pk, form.cleaned_data["subject"], form.cleaned_data["body"]
    )
    audit.record(page, "registrations.message", request.user, subject=form.cleaned_data["subject"])
    messages.success(request, _("The message is queued for all confirmed participants."))
    return redirect("registrations_admin:gathering", page.pk)


def check_in(request, gathering_id):
    """The desk: one field takes a scanned (or typed) check-in code, which checks the person
    in at once, or a name, which lists the people to check in with a button each. The last
    check-in is shown with an undo button, as is every checked-in person in the list."""
    _require(request, "view")
    page = gathering_or_404(request.user, gathering_id)
    here = reverse("registrations_admin:check_in", args=[page.pk])
    if request.method == "POST":
        _require(request, "change")
        try:
            if request.POST.get("undo"):
                person = get_object_or_404(Registration, pk=request.POST["undo"], gathering=page)
                checkin.undo_check_in(page, person, actor=request.user)
                messages.success(
                    request, _("The check-in of %(name)s is undone.") % {"name": person.name}
                )
                return redirect(here)
            if request.POST.get("registration"):
                target = get_object_or_404(
                    Registration, pk=request.POST["registration"], gathering=page
                )
            else:
                typed = request.POST.get("q", "")
                target, matches = checkin.find(page, typed)
                if target is None:
                    if not matches:
                        messages.error(request, _("No registration found with that code or name."))
                        return redirect(here)
                    return redirect(f"{here}?{urlencode({'q': typed.strip()})}")
            registration = checkin.check_in(page, target, actor=request.user)
        except services.Busy as error:
            return busy(request, error, request.get_full_path())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(here)
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        return redirect(f"{here}?{urlencode({'last': registration.pk})}")
    form = CheckInForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["q"].strip():
        found, matches = checkin.find(page, form.cleaned_data["q"])
        results = [found] if found is not None else matches
    last = None
    if request.GET.get("last", "").isdigit():
        last = Registration.objects.filter(
            gathering=page, pk=request.GET["last"], checked_in_at__isnull=False
        ).first()
    counts = Registration.objects.filter(gathering=page).aggregate(
        confirmed=Count("id", filter=Q(status=Status.CONFIRMED)),
        attended=Count("id", filter=Q(checked_in_at__isnull=False)),
    )
    return TemplateResponse(
        request,
        "registrations/admin/check_in.html",
        {
            "gathering": page,
            "form": form,
            "results": results,
            "counts": counts,
            "last": last,
            "can_change": request.user.has_perm("registrations.change_registration"),
        },
    )


def manage(request, pk):
    _require(request, "view")
    registration = registration_or_404(
        request.user,
        pk,
        Registration.objects.select_related("gathering", "role", "region", "municipality"),
    )
    return TemplateResponse(
        request,
        "registrations/admin/manage.html",
        {
            "registration": registration,
            "can_change": request.user.has_perm("registrations.change_registration"),
            "can_delete": request.user.has_perm("registrations.delete_registration"),
        },
    )


@require_POST
def act(request, pk, action):
    _require(request, "delete" if action == "erase" else "change")
    registration = registration_or_404(request.user, pk)
    try:
        if action == "cancel":
            promoted = services.cancel(registration, actor=request.user)
            messages.success(
                request,
                _("Cancelled. %(count)s moved up from the waitlist.") % {"count": len(promoted)},
            )
        elif action == "promote":
            services.move_from_waitlist(registration, actor=request.user)
            messages.success(request, _("Moved from the waitlist and confirmed."))
        elif action == "check_in":
            checkin.check_in(registration.gathering, registration, actor=request.user)
            messages.success(request, _("Checked in."))
        elif action == "undo_check_in":
            checkin.undo_check_in(registration.gathering, registration, actor=request.user)
            messages.success(
                request, _("The check-in of %(name)s is undone.") % {"name": registration.name}
            )
        elif action == "erase":
            privacy.anonymise(registration, actor=request.user)
            messages.success(request, _("The person's data is erased; the counts remain."))
        else:
            raise PermissionDenied
    except services.Busy as error:
        return busy(request, error, reverse("registrations_admin:manage", args=[registration.pk]))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("registrations_admin:manage", registration.pk)


def export_person(request, pk):
    _require(request, "view")
    registration = registration_or_404(request.user, pk)
    data = privacy.personal_data(registration, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="registration-{registration.pk}.json"'
    return response


def evaluation_results(request, gathering_id):
    """The gathering's evaluation: its results (small counts suppressed, `evaluation`), the
    questionnaire's settings, and the links to export and to compare with its series."""
    _require(request, "view")
    page = gathering_or_404(request.user, gathering_id)
    return TemplateResponse(
        request,
        "registrations/admin/evaluation.html",
        {
            "gathering": page,
            "results": evaluation.results(page),
            "ratings": evaluation.RATINGS,
            "can_change": request.user.has_perm("registrations.change_registration"),
            "series": len(evaluation.series(page, manageable_gatherings(request.user))) > 1,
        },
    )


def evaluation_questions(request, gathering_id):
    """Set the gathering's questionnaire: which fixed questions it asks, the sessions'
    ratings, and the free-text question. Saving it first makes the evaluation open."""
    _require(request, "change")
    page = gathering_or_404(request.user, gathering_id)
    instance = Questionnaire.objects.filter(gathering=page).first() or Questionnaire(gathering=page)
    form = QuestionnaireForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        evaluation.save_questionnaire(form, actor=request.user)
        messages.success(request, _("The evaluation's questions are saved."))
        return redirect("registrations_admin:evaluation", page.pk)
    return TemplateResponse(
        request,
        "registrations/admin/evaluation_questions.html",
        {"gathering": page, "form": form, "new": instance.pk is None},
        status=400 if form.errors else 200,
    )


def evaluation_export(request, gathering_id, fmt):
    """The results as a table (CSV or Excel), with the same suppression as the page."""
    _require(request, "view")
    page = gathering_or_404(request.user, gathering_id)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = evaluation.result_rows(evaluation.results(page))
    name = f"{slugify(str(_('evaluation')))}-{page.slug}"
    return spreadsheets.table_response(rows, name, fmt)


def evaluation_compare(request, gathering_id):
    """The gathering beside the others of its programme (its series) that the user manages."""
    _require(request, "view")
    page = gathering_or_404(request.user, gathering_id)
    gatherings = evaluation.series(page, manageable_gatherings(request.user))
    return TemplateResponse(
        request,
        "registrations/admin/evaluation_compare.html",
        {"gathering": page, "comparison": evaluation.compare(gatherings)},
    )
