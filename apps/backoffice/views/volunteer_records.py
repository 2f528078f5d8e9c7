"""A volunteer's training and honour records (two of the five record categories) and consents
beyond registration: give and withdraw. Each page loads the volunteer through the user's
scope; another area's volunteer answers 404."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from apps.volunteers import consent as consent_services
from apps.volunteers.consent import PRIVACY_NOTICE_VERSION
from apps.volunteers.models import Volunteer
from apps.web import errors

from ..forms.volunteer_records import ConsentGiveForm, ConsentWithdrawForm, HonourRecordForm, TrainingRecordForm
from .base import StaffRequiredMixin


class VolunteerRecordView(StaffRequiredMixin, FormView):
    template_name = "backoffice/volunteers/record_form.html"
    title = ""
    anchor = ""
    done_message = ""

    @cached_property
    def volunteer(self):
        return self.scope.get_or_404(Volunteer.objects, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.volunteer  # noqa: B018 - 404 before the form for strangers
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(volunteer=self.volunteer, title=self.title, back_url=self.back_url(),
                                        **kwargs)

    def back_url(self):
        return reverse("office:volunteer_detail", args=[self.volunteer.pk]) + self.anchor

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message)
        return redirect(self.back_url())


class TrainingCreateView(VolunteerRecordView):
    form_class = TrainingRecordForm
    title = gettext_lazy("Add a training record")
    anchor = "#records"
    done_message = gettext_lazy("The training record was added.")

    def save(self, form):
        consent_services.training_record_add(actor=self.request.user, volunteer=self.volunteer, **form.cleaned_data)


class HonourCreateView(VolunteerRecordView):
    form_class = HonourRecordForm
    title = gettext_lazy("Add an honour record")
    anchor = "#records"
    done_message = gettext_lazy("The honour record was added.")

    def save(self, form):
        consent_services.honour_record_add(actor=self.request.user, volunteer=self.volunteer, **form.cleaned_data)


class ConsentGiveView(VolunteerRecordView):
    form_class = ConsentGiveForm
    title = gettext_lazy("Record a consent")
    anchor = "#consents"
    done_message = gettext_lazy("The consent was recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "minor": consent_services.needs_guardian(self.volunteer)}

    def save(self, form):
        data = form.cleaned_data
        consent_services.consent_give(
            actor=self.request.user, volunteer=self.volunteer, purpose=data["purpose"], version=PRIVACY_NOTICE_VERSION,
            extra={"occupation": data["occupation"], "education": data["education"]},
            guardian_name=data["guardian_name"], guardian_relation=data["guardian_relation"],
        )


class ConsentWithdrawView(VolunteerRecordView):
    form_class = ConsentWithdrawForm
    title = gettext_lazy("Withdraw a consent")
    anchor = "#consents"
    done_message = gettext_lazy("The withdrawal was recorded; the data it covered is no longer kept.")

    @cached_property
    def consent(self):
        """Only a withdrawable consent in force of this volunteer; anything else is not found."""
        in_force = self.volunteer.consents.filter(purpose__in=consent_services.WITHDRAWABLE, withdrawn_at__isnull=True)
        return get_object_or_404(in_force, pk=self.kwargs["consent_pk"])

    def get(self, request, *args, **kwargs):
        self.consent  # noqa: B018
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(consent=self.consent, **kwargs)

    def save(self, form):
        day = form.cleaned_data["withdrawn_on"]
        now = timezone.localtime()
        on = now if day == now.date() else timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        consent_services.consent_withdraw(actor=self.request.user, consent=self.consent,
                                          reason=form.cleaned_data["reason"], on=on)
