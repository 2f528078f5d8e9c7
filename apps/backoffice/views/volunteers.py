"""Volunteers: list (masked, exportable), detail with hours, stars and certificates,
registration, audited reveal of personal data, star awards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView

from apps.activities.models import ServiceRecord
from apps.audit.selectors import object_history
from apps.volunteers import consent as consent_services
from apps.volunteers import services
from apps.volunteers.editing import volunteer_update
from apps.volunteers.models import ConsentPurpose
from apps.volunteers.models import Volunteer
from apps.volunteers.permissions import can_reveal_personal_data
from apps.web import errors
from apps.web.forms.records import CertificateRequestForm
from apps.web.forms.volunteers import VolunteerRegistrationForm

from ..filters.volunteers import VolunteerFilter
from ..forms.volunteers import RevealForm, StarGrantForm, VolunteerEditForm
from ..tables.volunteers import VolunteerTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin
from .volunteer_reviews import review_context


class VolunteerListView(OfficeListView):
    model = Volunteer
    table_class = VolunteerTable
    filterset_class = VolunteerFilter
    select_related = ("community",)
    template_name = "backoffice/volunteers/list.html"


class VolunteerDetailView(OfficeObjectMixin, DetailView):
    model = Volunteer
    template_name = "backoffice/volunteers/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        volunteer = self.object
        user = self.request.user
        context.update(
            records=ServiceRecord.objects.visible_to(user).filter(volunteer=volunteer)
            .select_related("activity").order_by("-started_at")[:50],
            memberships=volunteer.memberships.select_related("organization"),
            team_memberships=volunteer.team_memberships.select_related("team"),
            star_awards=volunteer.star_awards.all(),
            eligible_star=services.star_level_for_hours(volunteer.confirmed_hours),
            consents=volunteer.consents.all(),
            extra_fields=consent_services.extra_fields_visible(volunteer),
            trainings=volunteer.trainings.all(),
            honours=volunteer.honours.all(),
            certificates=volunteer.certificates.select_related("organization"),
            can_reveal=can_reveal_personal_data(user),
            is_minor=services.volunteer_is_minor(volunteer),
            certificate_form=CertificateRequestForm(scope=self.scope, volunteer=volunteer),
            star_form=StarGrantForm(initial={"granting_body": user.area.name if user.area_id else ""}),
            history=object_history(volunteer),
        )
        context.update(review_context(volunteer, user))
        return context


class VolunteerCreateView(StaffRequiredMixin, FormView):
    form_class = VolunteerRegistrationForm
    template_name = "backoffice/volunteers/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        organization = form.cleaned_data["organization"]
        try:
            volunteer = services.volunteer_register(consent_version=form.consent_version, **form.registration_data())
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        if organization is not None:
            services.membership_join(volunteer=volunteer, organization=organization)
        messages.success(self.request, _("Volunteer %(name)s registered as %(number)s.")
                         % {"name": volunteer.name, "number": volunteer.number})
        return redirect("office:volunteer_detail", pk=volunteer.pk)


class VolunteerUpdateView(StaffRequiredMixin, FormView):
    """Edit a volunteer of the user's area (``apps.volunteers.editing.volunteer_update``)."""

    form_class = VolunteerEditForm
    template_name = "backoffice/volunteers/edit.html"

    @cached_property
    def volunteer(self):
        return self.scope.get_or_404(Volunteer.objects.select_related("community"), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope, "volunteer": self.volunteer,
                "extra_fields_allowed": consent_services.consent_in_force(self.volunteer,
                                                                          ConsentPurpose.EXTRA_FIELDS)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(volunteer=self.volunteer, **kwargs)

    def form_valid(self, form):
        changes = form.changes()
        if changes:
            try:
                volunteer_update(actor=self.request.user, volunteer=self.volunteer, changes=changes,
                                 request=self.request)
            except ValidationError as error:
                errors.add_to_form(form, error)
                return self.form_invalid(form)
            messages.success(self.request, _("The volunteer's details were saved."))
        return redirect("office:volunteer_detail", pk=self.volunteer.pk)


class VolunteerChildMixin(StaffRequiredMixin):
    """POST actions on one volunteer, loaded through the user's scope."""

    http_method_names = ["post"]

    @cached_property
    def volunteer(self):
        return self.scope.get_or_404(Volunteer.objects, pk=self.kwargs["pk"])


class VolunteerRevealView(VolunteerChildMixin, FormView):
    """Shows one full value on a page of its own (never cached) and writes the audit entry."""

    form_class = RevealForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_office_staff and not can_reveal_personal_data(request.user):
            raise PermissionDenied(_("Your role may not reveal personal data."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        field = form.cleaned_data["field"]
        value = services.volunteer_reveal(actor=self.request.user, volunteer=self.volunteer, field=field,
                                          request=self.request)
        response = render(self.request, "backoffice/volunteers/reveal.html", {
            "volunteer": self.volunteer, "label": dict(form.fields["field"].choices)[field], "value": value})
        response["Cache-Control"] = "no-store"
        return response

    def form_invalid(self, form):
        return redirect("office:volunteer_detail", pk=self.volunteer.pk)


class StarGrantView(VolunteerChildMixin, FormView):
    form_class = StarGrantForm

    def form_valid(self, form):
        try:
            awards = services.star_award_grant(actor=self.request.user, volunteer=self.volunteer,
                                               granting_body=form.cleaned_data["granting_body"])
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("Granted %(count)d star award(s).") % {"count": len(awards)})
        return redirect(reverse("office:volunteer_detail", args=[self.volunteer.pk]) + "#stars")

    def form_invalid(self, form):
        messages.error(self.request, _("Enter the granting body."))
        return redirect("office:volunteer_detail", pk=self.volunteer.pk)
