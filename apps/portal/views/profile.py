"""The organization's profile: contact fields edited directly by editors and admins,
registered fields changed through a change request that staff review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from apps.onboarding import services
from apps.onboarding.models import FIELDS_BY_GROUP, ChangeRequest, FieldGroup, OrganizationContact
from apps.organizations.models import Organization

from ..forms.onboarding import ChangeRequestForm, ContactForm
from .base import PortalViewMixin


def _mailing_address(organization):
    contact = OrganizationContact.objects.filter(organization=organization).first()
    return contact.mailing_address if contact else ""


class ProfileView(PortalViewMixin, TemplateView):
    template_name = "portal/profile.html"

    def get_context_data(self, **kwargs):
        organization = self.request.organization
        groups = [(FieldGroup(group).label, [(Organization._meta.get_field(name).verbose_name,
                                              getattr(organization, name)) for name in names])
                  for group, names in FIELDS_BY_GROUP.items()]
        return super().get_context_data(
            groups=groups, mailing_address=_mailing_address(organization),
            change_requests=ChangeRequest.objects.for_organization(organization).select_related("decided_by")[:50],
            can_edit=self.request.membership.has_role("editor") and not self.request.viewing_as,
            **kwargs,
        )


class ContactUpdateView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = ContactForm
    template_name = "portal/profile_form.html"

    def get_initial(self):
        organization = self.request.organization
        return {"contact_name": organization.contact_name, "contact_phone": organization.contact_phone,
                "mailing_address": _mailing_address(organization)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit contact details"), **kwargs)

    def form_valid(self, form):
        services.contact_update(organization=self.request.organization, actor=self.request.user,
                                **form.cleaned_data)
        messages.success(self.request, _("Contact details saved."))
        return redirect("portal:profile", org=self.request.organization.code)


class ChangeRequestCreateView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = ChangeRequestForm
    template_name = "portal/profile_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Organization.objects.get(pk=self.request.organization.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Request a change of registered particulars"),
            intro=_("Changes are applied after the street office approves them. Change only what differs from "
                    "the registration certificate."), **kwargs)

    def form_valid(self, form):
        try:
            requests = services.change_requests_submit(
                organization=self.request.organization, actor=self.request.user, values=form.values(),
                note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        applied = sum(1 for request in requests if request.auto_approved)
        messages.success(self.request, _("%(count)d change request(s) submitted; %(applied)d applied at once.")
                         % {"count": len(requests), "applied": applied})
        return redirect("portal:profile", org=self.request.organization.code)


class ChangeRequestDetailView(PortalViewMixin, DetailView):
    template_name = "portal/change_request_detail.html"
    context_object_name = "change_request"

    def get_object(self, queryset=None):
        return get_object_or_404(ChangeRequest.objects.for_organization(self.request.organization),
                                 pk=self.kwargs["pk"])
