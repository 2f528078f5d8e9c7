"""Following an invitation link: join with the logged-in account or create one."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.accounts import services
from apps.web.ratelimits import RateLimitedPostMixin

from ..forms.onboarding import AccountFields


@method_decorator(login_not_required, name="dispatch")
class InvitationAcceptView(RateLimitedPostMixin, FormView):
    template_name = "portal/invitation_accept.html"
    form_class = AccountFields
    rate_limit = "signup"  # each submission may create an account or try a username

    def rate_limit_scope(self):
        # Per link: colleagues accepting their own invitations from one office address do not
        # use up each other's attempts.
        return ("invitation", self.kwargs["token"])

    @cached_property
    def invitation(self):
        invitation = services.invitation_for_token(self.kwargs["token"])
        if invitation is None:
            # Unknown, used, cancelled and expired links look the same.
            raise Http404(_("This invitation link is not valid (it may have expired or been used)."))
        return invitation

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return self._accept(user=request.user)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        return self._accept(username=data["username"], password=data["password1"], full_name=data["full_name"],
                            form=form)

    def _accept(self, form=None, **account):
        try:
            membership = services.invitation_accept(invitation=self.invitation, **account)
        except ValidationError as error:
            if form is None:
                messages.error(self.request, "; ".join(error.messages))
                return redirect("portal:invitation_accept", token=self.kwargs["token"])
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        if not self.request.user.is_authenticated:
            login(self.request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Welcome to %(name)s.") % {"name": membership.organization.name})
        return redirect("portal:org_home", org=membership.organization.code)
