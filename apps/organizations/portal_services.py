"""Annual report submission from the organization's own portal: the organization files the
report and its file (result 已报送); the result itself is set by staff."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AnnualReport, AnnualReportResult, check_report_year
from .services import annual_report_save

#: Results an organization may still (re)submit over: nothing was judged yet.
RESUBMITTABLE = {AnnualReportResult.SUBMITTED, AnnualReportResult.OVERDUE}


@transaction.atomic
def annual_report_submit(*, actor, organization, year: int, note: str = "", file=None,
                         today: datetime.date | None = None) -> AnnualReport:
    today = today or timezone.localdate()
    check_report_year(organization, year, today=today)
    report = AnnualReport.objects.select_for_update().filter(organization=organization, year=year).first()
    if report is not None and report.result not in RESUBMITTABLE:
        raise ValidationError({"year": _("The report for this year has already been reviewed.")})
    if report is None:
        report = AnnualReport(organization=organization, year=year)
    if file is None and report.attachment_id is None:
        raise ValidationError({"file": _("Attach the annual report file.")})
    report.submitted_on, report.result, report.note = today, AnnualReportResult.SUBMITTED, note.strip()
    return annual_report_save(report=report, file=file, actor=actor)
