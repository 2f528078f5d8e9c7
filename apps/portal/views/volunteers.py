"""The organization's volunteers: list (masked), register a new one with consent, add an
existing one by document number plus name (a mismatch reveals nothing). Both forms share the
user's hourly budget of look-ups (``apps.volunteers.lookups``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from apps.volunteers.lookups import LookupLimited
from apps.volunteers.models import Volunteer
from apps.volunteers.portal_services import volunteer_add_existing, volunteer_register_for_organization
from apps.web import errors
from apps.web.forms.volunteers import VolunteerRegistrationForm

from ..filters.work import PortalVolunteerFilter
from ..forms.volunteers import AddExistingVolunteerForm
from ..tables.volunteers import PortalVolunteerTable
from .base import PortalViewMixin
from .lists import PortalListView

#: One message for "no such document number" and "the name does not match".
NO_MATCH = gettext_lazy("No registered volunteer matches this document number and name. Check both, or register "
                        "the volunteer as new.")


class VolunteerListView(PortalListView):
    model = Volunteer
    table_class = PortalVolunteerTable
    filterset_class = PortalVolunteerFilter
    select_related = ("community",)
    template_name = "portal/work/volunteer_list.html"


class VolunteerRegisterView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = VolunteerRegistrationForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("Register a volunteer")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        try:
            volunteer_register_for_organization(
                actor=self.request.user, organization=self.request.organization, request=self.request,
                consent_version=form.consent_version, **form.registration_data())
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Volunteer registered and added to the organization."))
        return redirect("portal:work_volunteer_list", org=self.request.organization.code)


class VolunteerAddExistingView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = AddExistingVolunteerForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("Add a registered volunteer")}

    def form_valid(self, form):
        try:
            membership = volunteer_add_existing(actor=self.request.user, organization=self.request.organization,
                                                request=self.request, **form.cleaned_data)
        except LookupLimited as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        if membership is None:
            form.add_error(None, NO_MATCH)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is a volunteer of the organization.")
                         % {"name": membership.volunteer.name})
        return redirect("portal:work_volunteer_list", org=self.request.organization.code)
