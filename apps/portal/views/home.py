from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from apps.onboarding.models import SignupApplication
from apps.onboarding.selectors import first_steps, home_figures, home_todos, unread_notifications

from .base import PortalViewMixin
from .switch import LAST_ORGANIZATION_KEY


class ChooseOrganizationView(TemplateView):
    """``/portal/``: go straight to the only (or last chosen) organization, or let the user
    choose. An applicant without an organization sees their applications and notifications."""

    template_name = "portal/choose.html"

    def get(self, request, *args, **kwargs):
        memberships = list(request.user.memberships.select_related("organization").order_by("organization__name"))
        codes = [m.organization.code for m in memberships]
        last = request.session.get(LAST_ORGANIZATION_KEY)
        if len(memberships) == 1:
            return redirect("portal:org_home", org=codes[0])
        if last in codes:
            return redirect("portal:org_home", org=last)
        return self.render_to_response(self.get_context_data(
            memberships=memberships,
            applications=SignupApplication.objects.filter(applicant=request.user).select_related("organization"),
            notifications=unread_notifications(request.user),
        ))


class OrganizationHomeView(PortalViewMixin, TemplateView):
    template_name = "portal/org_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization, today = self.request.organization, timezone.localdate()
        steps = first_steps(organization, self.request.membership)
        context.update(
            # A new organization's first steps, until every one is done.
            first_steps=steps if not all(step.done for step in steps) else [],
            figures=home_figures(organization, on_date=today),
            todos=home_todos(organization, on_date=today),
            notifications=[] if self.request.viewing_as else unread_notifications(self.request.user),
        )
        return context
