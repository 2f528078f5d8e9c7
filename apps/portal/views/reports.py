"""The organization's annual reports: what it filed and the results staff set, and the
submission of a year's report with its file (→ 已报送)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from apps.organizations.models import AnnualReport
from apps.organizations.portal_services import annual_report_submit
from apps.web import errors

from ..forms.reports import AnnualReportSubmitForm
from .base import PortalViewMixin


class AnnualReportListView(PortalViewMixin, FormView, ListView):
    http_method_names = ["get", "head", "options"]  # the form posts to AnnualReportSubmitView
    template_name = "portal/work/annual_reports.html"
    form_class = AnnualReportSubmitForm
    context_object_name = "reports"

    def get_queryset(self):
        return self.scope.rows(AnnualReport.objects).select_related("attachment")

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_queryset()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=self.scope.allows("editor"), **kwargs)


class AnnualReportSubmitView(AnnualReportListView):
    required_role = "editor"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object_list = self.get_queryset()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            annual_report_submit(actor=self.request.user, organization=self.request.organization,
                                 **form.cleaned_data)
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Annual report submitted."))
        return redirect("portal:work_annual_reports", org=self.request.organization.code)
