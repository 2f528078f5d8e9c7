import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organization import LegalForm, Organization, OrganizationRecordQuerySet

ATTACHMENT_EXTENSIONS = ["pdf", "ofd", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"]


def attachment_path(instance, filename):
    """Files live under the organization's portal code with a random folder (never guessable,
    and served only by a view that checks access)."""
    return f"organizations/{instance.organization.code}/{uuid.uuid4().hex}/{PurePath(filename).name}"


class AttachmentKind(models.TextChoices):
    CHARTER = "charter", _("Charter")
    CERTIFICATE = "certificate", _("Registration certificate scan")
    FILING = "filing", _("Filing certificate")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    GRADE_CERTIFICATE = "grade_certificate", _("Evaluation certificate")
    DECISION = "decision", _("Decision document")
    OTHER = "other", _("Other")


class Attachment(models.Model):
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255,
                            validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return PurePath(self.file.name).name


def deadline_day_exists(month: int, day: int) -> bool:
    """Whether month/day is a day of the calendar (in a leap year: 29 February is one; it
    falls on 28 February in a common year, see ``selectors.report_due_on``)."""
    try:
        datetime.date(2000, month, day)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a number no C int holds
        return False
    return True


class AnnualReportDeadline(models.Model):
    """Local rule: the day by which last year's report is due, per legal form (default 31 May).
    Only a day that exists: 31 April is refused, not silently moved."""

    legal_form = models.CharField(_("legal form"), max_length=24, choices=LegalForm.choices, unique=True)
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    day = models.PositiveSmallIntegerField(_("day"), validators=[MinValueValidator(1), MaxValueValidator(31)])

    class Meta:
        verbose_name = _("annual report deadline")
        verbose_name_plural = _("annual report deadlines")
        ordering = ["legal_form"]
        constraints = [
            # The rule of ``deadline_day_exists``: no 31st in a 30-day month, no 30/31 February.
            models.CheckConstraint(
                condition=(Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31)
                           & ~Q(month__in=[4, 6, 9, 11], day=31) & ~Q(month=2, day__gt=29)),
                name="annualreportdeadline_day_exists",
                violation_error_message=_("This day does not exist in that month."),
            ),
        ]

    def __str__(self):
        return f"{self.get_legal_form_display()}: {self.month}/{self.day}"

    def clean(self):
        if self.month and self.day and not deadline_day_exists(self.month, self.day):
            raise ValidationError({"day": _("Month %(month)d has no day %(day)d.")
                                   % {"month": self.month, "day": self.day}}, code="no_such_day")


class AnnualReportResult(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    QUALIFIED = "qualified", _("Qualified")
    BASICALLY_QUALIFIED = "basically_qualified", _("Basically qualified")
    UNQUALIFIED = "unqualified", _("Unqualified")
    OVERDUE = "overdue", _("Overdue, not submitted")


FILED_RESULTS = [AnnualReportResult.SUBMITTED, AnnualReportResult.QUALIFIED,
                 AnnualReportResult.BASICALLY_QUALIFIED, AnnualReportResult.UNQUALIFIED]


def check_report_year(organization, year: int, *, today: datetime.date):
    """An annual report covers a finished year of an existing organization: the report for year Y
    can exist from 1 January of Y + 1 (the deadline comes later), never for the current or a
    future year, nor for a year before the organization was established (its founding year's
    report covers part of that year)."""
    if year >= today.year:
        raise ValidationError({"year": _("The report for %(year)s covers a year not yet over: it can be filed from "
                                         "%(next)s on.") % {"year": year, "next": year + 1}}, code="future")
    founded_on = getattr(organization, "founded_on", None)
    if founded_on is not None and year < founded_on.year:
        raise ValidationError({"year": _("The organization was established in %(founded)s: there is no report for "
                                         "%(year)s.") % {"founded": founded_on.year, "year": year}},
                              code="before_established")


class AnnualReport(models.Model):
    """The report on one year's work, due in the following year (``check_report_year``)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("report year"), validators=[MinValueValidator(1980)])
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=AnnualReportResult.choices,
                              default=AnnualReportResult.SUBMITTED)
    note = models.TextField(_("note"), blank=True)
    attachment = models.ForeignKey(Attachment, verbose_name=_("attachment"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="annualreport_org_year_unique",
                                    violation_error_message=_("The organization already has an annual report for "
                                                              "this year: open that report instead.")),
            # A report that was filed has a date; "overdue, not submitted" has none.
            models.CheckConstraint(
                condition=Q(result=AnnualReportResult.OVERDUE) | Q(submitted_on__isnull=False),
                name="annualreport_filed_has_date",
                violation_error_message=_("A filed annual report needs the date it was submitted."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"

    def clean(self):
        if self.year is not None and self.organization_id is not None:
            check_report_year(self.organization, self.year, today=timezone.localdate())

    @property
    def is_filed(self):
        return self.result != AnnualReportResult.OVERDUE


class Grade(models.IntegerChoices):
    A5 = 5, "5A"
    A4 = 4, "4A"
    A3 = 3, "3A"
    A2 = 2, "2A"
    A1 = 1, "1A"


GRADE_VALIDITY_YEARS = 5


def add_years(day: datetime.date, years: int) -> datetime.date:
    year = day.year + years
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        # A window around a date typed as 0001-01-01 (or 9999-12-31) reaches past what a date
        # holds: it starts (or ends) at the first (or last) day there is, instead of a 500.
        return datetime.date.min if year < datetime.MINYEAR else datetime.date.max
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


class EvaluationGrade(models.Model):
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="grades")
    grade = models.PositiveSmallIntegerField(_("grade"), choices=Grade.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(1000)])
    evaluated_on = models.DateField(_("grade date"))
    valid_until = models.DateField(_("valid until"), editable=False)
    certificate_number = models.CharField(_("grade certificate number"), max_length=50,
                                          blank=True)
    evaluator = models.CharField(_("evaluating body"), max_length=100, blank=True)
    attachment = models.ForeignKey(Attachment, verbose_name=_("certificate scan"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation grade")
        verbose_name_plural = _("evaluation grades")
        ordering = ["-evaluated_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(grade__gte=1, grade__lte=5), name="evaluationgrade_grade_range",
                                   violation_error_message=_("The grade lies between 1A and 5A.")),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1000), name="evaluationgrade_score_range",
                                   violation_error_message=_("The score lies between 0 and 1000.")),
        ]
        indexes = [
            # The list's grade filter and column: the newest grade of each organization.
            models.Index(fields=["organization", "-evaluated_on"], name="evaluationgrade_org_date"),
        ]

    def __str__(self):
        return f"{self.organization} {self.get_grade_display()}"

    def save(self, *args, **kwargs):
        self.valid_until = add_years(self.evaluated_on, GRADE_VALIDITY_YEARS)
        super().save(*args, **kwargs)

    def expires_soon(self, on_date, months=6):
        return on_date < self.valid_until <= add_months(on_date, months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class CreditListKind(models.TextChoices):
    ABNORMAL = "abnormal", _("List of organizations with abnormal activities")
    SERIOUS = "serious", _("List of seriously illegal and untrustworthy organizations")


class CreditListing(models.Model):
    """One decision of the registration authority to put an organization on a credit list."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="credit_listings")
    kind = models.CharField(_("list"), max_length=10, choices=CreditListKind.choices)
    reason = models.TextField(_("reason"))
    decision_document = models.CharField(_("decision document number"), max_length=100)
    decided_by = models.CharField(_("deciding authority"), max_length=100, blank=True)
    listed_on = models.DateField(_("listed on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    attachment = models.ForeignKey(Attachment, verbose_name=_("decision document scan"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("credit listing")
        verbose_name_plural = _("credit listings")
        ordering = ["-listed_on", "-pk"]
        constraints = [
            # At most one open listing per list; a second decision needs the first one closed.
            models.UniqueConstraint(fields=["organization", "kind"], condition=Q(removed_on__isnull=True),
                                    name="creditlisting_one_open_per_list",
                                    violation_error_message=_("The organization is already on this list: record "
                                                              "the removal of that listing first.")),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | (Q(removed_on__gte=models.F("listed_on")) & ~Q(removal_reason="")),
                name="creditlisting_removal_after_listing_with_reason",
                violation_error_message=_("A removal needs its reason and a date on or after the listing date."),
            ),
        ]
        indexes = [
            # Credit status of every organization on the list page: open listings per organization.
            models.Index(fields=["organization", "kind"], condition=Q(removed_on__isnull=True),
                         name="creditlisting_open"),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_kind_display()}"

    @property
    def is_open(self):
        return self.removed_on is None


class Penalty(models.Model):
    """An administrative penalty (行政处罚); major ones bar government purchase for 3 years."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="penalties")
    decided_on = models.DateField(_("decided on"))
    kind = models.CharField(_("penalty"), max_length=100)
    reason = models.TextField(_("reason"))
    decision_document = models.CharField(_("decision document number"), max_length=100)
    is_major = models.BooleanField(_("major violation"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative penalty")
        verbose_name_plural = _("administrative penalties")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.organization}: {self.kind}"


class IncubationMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    VIRTUAL = "virtual", _("Virtual")


class ExitType(models.TextChoices):
    GRADUATED = "graduated", _("Graduated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Term ended")


class IncubationRecord(models.Model):
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="incubations")
    base = models.CharField(_("incubation base"), max_length=100)
    mode = models.CharField(_("mode"), max_length=10, choices=IncubationMode.choices, default=IncubationMode.ON_SITE)
    entered_on = models.DateField(_("entered on"))
    planned_exit_on = models.DateField(_("planned exit"), null=True, blank=True)
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    exit_type = models.CharField(_("exit type"), max_length=10, choices=ExitType.choices, blank=True)
    support = models.TextField(_("support given"), blank=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("incubation record")
        verbose_name_plural = _("incubation records")
        ordering = ["-entered_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(exited_on__isnull=True, exit_type="")
                           | (Q(exited_on__isnull=False, exited_on__gte=models.F("entered_on")) & ~Q(exit_type=""))),
                name="incubation_exit_date_and_type_together",
                violation_error_message=_("Enter the exit date (on or after entry) together with the exit type."),
            ),
            models.CheckConstraint(
                condition=Q(planned_exit_on__isnull=True) | Q(planned_exit_on__gte=models.F("entered_on")),
                name="incubation_planned_exit_after_entry",
                violation_error_message=_("The planned exit cannot be before the entry."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} @ {self.base}"
