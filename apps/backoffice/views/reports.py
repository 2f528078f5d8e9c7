"""The street report (街道报表): pick an area the user may see and a month or a year, preview
the figures, download them as XLSX or PDF (every download is audited)."""

import datetime

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from apps.areas.models import Area, AreaLevel
from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.core.scoping import get_visible_or_404
from apps.reports.files import report_pdf, report_xlsx
from apps.reports.scope import Scope
from apps.reports.street_report import PeriodKind, build_street_report

from .base import StaffRequiredMixin

REPORT_LEVELS = [AreaLevel.CITY, AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY]
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def last_full_month(today):
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return first.year, first.month


class ReportPeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Report"), choices=[(PeriodKind.MONTH, _("Monthly report")),
                                                           (PeriodKind.YEAR, _("Annual report"))])
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)

    def clean(self):
        data = super().clean()
        if data.get("period") == PeriodKind.MONTH and not data.get("month"):
            self.add_error("month", _("Choose the month of a monthly report."))
        return data


class ReportAreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.visible_to(user).filter(level__in=REPORT_LEVELS)


def default_area(user):
    return user.area or Area.objects.filter(level=AreaLevel.CITY).order_by("path").first()


class StreetReportIndexView(StaffRequiredMixin, View):
    """Goes to the report of the chosen area (one the user may see) or of the user's own."""

    def get(self, request):
        form = ReportAreaForm(request.GET or None, user=request.user)
        area = form.cleaned_data["area"] if form.is_bound and form.is_valid() else default_area(request.user)
        if area is None:
            raise Http404(_("No area is recorded yet."))
        query = request.GET.copy()
        query.pop("area", None)
        url = reverse("office:report_street_view", args=[area.pk])
        return redirect(f"{url}?{query.urlencode()}" if query else url)


class StreetReportMixin(StaffRequiredMixin):
    @cached_property
    def area(self):
        return get_visible_or_404(Area.objects, self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def period_form(self):
        year, month = last_full_month(timezone.localdate())
        initial = {"period": PeriodKind.MONTH, "year": year, "month": month}
        return ReportPeriodForm(self.request.GET if "year" in self.request.GET else initial)

    def build_report(self):
        data = self.period_form.cleaned_data
        return build_street_report(Scope(self.request.user, self.area), kind=data["period"], year=data["year"],
                                   month=data.get("month"), today=timezone.localdate())


class StreetReportView(StreetReportMixin, TemplateView):
    template_name = "backoffice/reports/street.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.period_form
        context.update(area=self.area, form=form,
                       area_form=ReportAreaForm(initial={"area": self.area.pk}, user=self.request.user))
        if form.is_valid():
            query = urlencode({key: value for key, value in form.cleaned_data.items() if value})
            context["report"] = self.build_report()
            context["downloads"] = [
                (label, reverse("office:report_street_download", args=[self.area.pk, fmt]) + f"?{query}")
                for fmt, label in (("xlsx", _("Download XLSX")), ("pdf", _("Download PDF")))
            ]
        return context


class StreetReportDownloadView(StreetReportMixin, View):
    def get(self, request, pk, fmt):
        if fmt not in FORMATS:
            raise Http404(_("No such file format."))
        area = self.area  # 404 before anything else for an area outside the user's scope
        if not self.period_form.is_valid():
            return redirect(f"{reverse('office:report_street_view', args=[area.pk])}?{request.GET.urlencode()}")
        report = self.build_report()
        content = report_xlsx(report) if fmt == "xlsx" else report_pdf(report)
        audit_event_record(
            actor=request.user, action=AuditAction.EXPORT, obj=area,
            detail={"report": "street", "format": fmt, "period_start": str(report.period.start),
                    "period_end": str(report.period.end)},
            request=request,
        )
        response = HttpResponse(content, content_type=FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{report.filename(fmt)}"'
        return response
