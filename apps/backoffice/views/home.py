"""The back-office home: the dashboard of the user's area (figures from ``apps.reports``)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.reports.dashboard import build_dashboard
from apps.reports.scope import Scope

from .base import StaffRequiredMixin


def _link(name, **query):
    return f"{reverse(name)}?{urlencode(query)}"


def alert_rows(alerts):
    """(label, count, link to the filtered list) per alert."""
    return [
        (_("Annual reports overdue"), alerts.reports_overdue,
         _link("office:organization_list", report_overdue="yes")),
        (_("Evaluation grades expiring within 6 months"), alerts.grades_expiring,
         _link("office:organization_list", grade_expiring="yes")),
        (_("Put on a credit list in the last 30 days"), alerts.new_listings,
         _link("office:organization_list", listed_recently="yes")),
        (_("Contracts past their publication deadline"), alerts.publication_overdue,
         _link("office:procurement_contract_list", overdue="publication")),
        (_("Contracts past their filing deadline"), alerts.filing_overdue,
         _link("office:procurement_contract_list", overdue="filing")),
        (_("Service records awaiting confirmation"), alerts.records_pending,
         _link("office:record_list", status="pending")),
        (_("Volunteers with a star award under review"), alerts.stars_under_review,
         _link("office:volunteer_list", review="stars")),
        (_("Likely duplicate volunteer registrations"), alerts.likely_duplicates,
         _link("office:volunteer_list", review="duplicate")),
        # Candidates for the credit lists (the registration authority decides on them).
        (_("Annual reports filed late: candidates for the abnormal list"), alerts.reports_late,
         _link("office:organization_list", report_late="yes")),
        (_("Two years on the abnormal list: candidates for the serious list"), alerts.serious_candidates,
         _link("office:organization_list", serious_candidate="yes")),
    ]


class HomeView(StaffRequiredMixin, TemplateView):
    template_name = "backoffice/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        board = build_dashboard(Scope(user, user.area), today=timezone.localdate())
        context.update(board=board, alerts=alert_rows(board.alerts), panels=board.panels)
        return context
