"""Members of the current organization: invite by e-mail, set roles, remove (admins only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from apps.accounts import services
from apps.accounts.models import Invitation, Membership

from ..forms.onboarding import InvitationForm, MemberRoleForm
from .base import PortalViewMixin


def _errors(error):
    return "; ".join(error.messages)


class MemberListView(PortalViewMixin, TemplateView):
    required_role = "admin"
    template_name = "portal/member_list.html"

    def get_context_data(self, **kwargs):
        organization = self.request.organization
        members = list(Membership.objects.filter(organization=organization).select_related("user")
                       .order_by("user__username"))
        for member in members:
            member.role_form = MemberRoleForm(initial={"role": member.role}, prefix=f"m{member.pk}")
        return super().get_context_data(
            members=members,
            invitations=Invitation.objects.open(timezone.now()).filter(organization=organization)
            .select_related("invited_by"),
            invite_form=kwargs.pop("invite_form", None) or InvitationForm(),
            **kwargs,
        )


class MemberInviteView(PortalViewMixin, FormView):
    required_role = "admin"
    form_class = InvitationForm
    template_name = "portal/member_list.html"

    def form_valid(self, form):
        try:
            services.invitation_create(
                organization=self.request.organization, actor=self.request.user, **form.cleaned_data,
                accept_url=lambda token: self.request.build_absolute_uri(
                    reverse("portal:invitation_accept", args=[token])),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("portal:member_list", org=self.request.organization.code)

    def form_invalid(self, form):
        view = MemberListView(request=self.request, kwargs=self.kwargs)
        return self.render_to_response(view.get_context_data(invite_form=form))

    def get(self, request, *args, **kwargs):
        return redirect("portal:member_list", org=request.organization.code)


class MemberMixin(PortalViewMixin):
    required_role = "admin"

    @cached_property
    def member(self):
        return get_object_or_404(Membership.objects.select_related("user"),
                                 organization=self.request.organization, pk=self.kwargs["pk"])


class MemberRoleView(MemberMixin, FormView):
    form_class = MemberRoleForm
    template_name = "portal/member_confirm.html"

    def get_prefix(self):
        return f"m{self.member.pk}"

    def get(self, request, *args, **kwargs):
        self.member  # 404 for another organization's member
        return redirect("portal:member_list", org=request.organization.code)

    def form_valid(self, form):
        try:
            services.membership_set_role(membership=self.member, role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(self.request, _errors(error))
        else:
            messages.success(self.request, _("Role of %(user)s changed.") % {"user": self.member.user})
        return redirect("portal:member_list", org=self.request.organization.code)

    def form_invalid(self, form):
        messages.error(self.request, _("Choose a role."))
        return redirect("portal:member_list", org=self.request.organization.code)


class MemberRemoveView(MemberMixin, TemplateView):
    """Removing a member asks for confirmation; the last administrator is never removed."""

    template_name = "portal/member_confirm.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)

    def post(self, request, *args, **kwargs):
        member, own = self.member, self.member.user_id == request.user.pk
        try:
            services.membership_remove(membership=member)
        except ValidationError as error:
            messages.error(request, _errors(error))
            return redirect("portal:member_list", org=request.organization.code)
        messages.success(request, _("%(user)s no longer belongs to the organization.") % {"user": member.user})
        if own:
            return redirect("portal:home")
        return redirect("portal:member_list", org=request.organization.code)


class InvitationCancelView(PortalViewMixin, TemplateView):
    required_role = "admin"
    template_name = "portal/member_confirm.html"

    @cached_property
    def invitation(self):
        return get_object_or_404(Invitation.objects.open(timezone.now()), organization=self.request.organization,
                                 pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def post(self, request, *args, **kwargs):
        services.invitation_cancel(invitation=self.invitation)
        messages.success(request, _("Invitation cancelled."))
        return redirect("portal:member_list", org=request.organization.code)
