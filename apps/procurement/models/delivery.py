from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .contracts import ContractPartQuerySet


class TargetKind(models.TextChoices):
    SERVICE_SESSIONS = "sessions", _("Service sessions")
    PEOPLE_SERVED = "people", _("People served")
    VOLUNTEER_HOURS = "volunteer_hours", _("Volunteer hours")
    CUSTOM = "custom", _("Custom counted item")


class PerformanceTarget(models.Model):
    """A KPI of a contract. Actuals of the first three kinds are counted from the activity
    records linked to the contract; a custom item's actual is entered by staff."""

    contract = models.ForeignKey(
        "procurement.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="targets",
    )
    kind = models.CharField(_("indicator"), max_length=20, choices=TargetKind.choices)
    name = models.CharField(_("custom item name"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    manual_actual = models.DecimalField(
        _("counted so far"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Custom items only: the count so far, entered from the provider's evidence."),
    )

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance target")
        verbose_name_plural = _("performance targets")
        ordering = ["contract", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target_value__gt=0), name="target_value_positive",
                                   violation_error_message=_("The target value must be more than zero.")),
            models.CheckConstraint(condition=~Q(kind="custom") | ~Q(name=""), name="target_custom_needs_name",
                                   violation_error_message=_("A custom target needs a name.")),
            models.CheckConstraint(
                condition=Q(kind="custom") | Q(manual_actual__isnull=True), name="target_only_custom_is_manual",
                violation_error_message=_("Only a custom target takes a count entered by hand."),
            ),
            models.UniqueConstraint(
                fields=["contract", "kind"], condition=~Q(kind="custom"), name="target_one_per_standard_kind",
                violation_error_message=_("The contract already has a target of this kind: change that one "
                                          "instead."),
            ),
        ]

    def __str__(self):
        return self.name if self.kind == TargetKind.CUSTOM else self.get_kind_display()


class PaymentCondition(models.TextChoices):
    SIGNING = "signing", _("On signing")
    MIDTERM = "midterm", _("After mid-term evaluation")
    ACCEPTANCE = "acceptance", _("After acceptance")
    OTHER = "other", _("Other")


class PaymentMilestone(models.Model):
    """A planned payment and, once made, what was paid (at most the planned amount) and when."""

    contract = models.ForeignKey(
        "procurement.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="payments",
    )
    name = models.CharField(_("milestone"), max_length=100)
    condition = models.CharField(_("condition"), max_length=20, choices=PaymentCondition.choices)
    planned_amount = models.DecimalField(_("planned amount (yuan)"), max_digits=14, decimal_places=2)
    planned_on = models.DateField(_("planned date"))
    paid_amount = models.DecimalField(_("paid amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    voucher = models.CharField(_("payment voucher"), max_length=100, blank=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment milestone")
        verbose_name_plural = _("payment milestones")
        ordering = ["contract", "planned_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(planned_amount__gt=0), name="payment_planned_positive",
                                   violation_error_message=_("The planned amount must be more than zero.")),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True, paid_on__isnull=True)
                | Q(paid_amount__gt=0, paid_on__isnull=False),
                name="payment_paid_amount_and_date_together",
                violation_error_message=_("Enter the paid amount (more than zero) together with the payment date."),
            ),
            # More than planned needs a supplementary agreement and its own planned payment
            # (services.payment_record says so first).
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__lte=models.F("planned_amount")),
                name="payment_paid_within_planned",
                violation_error_message=_("The paid amount may not exceed the planned amount."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_paid(self):
        return self.paid_on is not None


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    ACCEPTED = "accepted", _("Report accepted")
    RETURNED = "returned", _("Returned with comments")


class ProgressReport(models.Model):
    """A periodic progress report of the provider, reviewed by staff. A returned report is
    kept; the provider submits a new one."""

    contract = models.ForeignKey(
        "procurement.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="reports",
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    summary = models.TextField(_("work done and results"))
    problems = models.TextField(_("problems and next steps"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    review_comment = models.TextField(_("review comments"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["contract", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_period_ordered",
                                   violation_error_message=_("The period must end on or after its first day.")),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_comment=""), name="report_return_needs_comment",
                violation_error_message=_("A returned report needs comments saying what to change."),
            ),
        ]
        indexes = [
            # Back-office "to review" list: submitted reports, oldest first.
            models.Index(fields=["status", "submitted_at"], name="report_status_submitted"),
        ]

    def __str__(self):
        return f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"


class AcceptanceResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    PASSED_WITH_RECTIFICATION = "rectify", _("Passed after rectification")
    FAILED = "failed", _("Failed")


class Acceptance(models.Model):
    """验收: with the beneficiaries' opinions; the result is published."""

    contract = models.ForeignKey(
        "procurement.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="acceptances",
    )
    accepted_on = models.DateField(_("acceptance date"))
    result = models.CharField(_("result"), max_length=20, choices=AcceptanceResult.choices)
    beneficiary_opinions = models.TextField(
        _("beneficiaries' opinions"), help_text=_("Opinions collected from the people served."),
    )
    beneficiaries_consulted = models.PositiveIntegerField(_("beneficiaries consulted"), default=0)
    summary = models.TextField(_("acceptance conclusion"))
    published_on = models.DateField(_("result published on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["contract", "-accepted_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(beneficiary_opinions=""), name="acceptance_needs_opinions",
                                   violation_error_message=_("Enter the beneficiaries' opinions collected for the "
                                                             "acceptance.")),
        ]

    def __str__(self):
        return f"{self.get_result_display()} {self.accepted_on:%Y-%m-%d}"

    @property
    def passed(self):
        return self.result != AcceptanceResult.FAILED


class EvaluatorKind(models.TextChoices):
    PURCHASER = "purchaser", _("Purchaser")
    THIRD_PARTY = "third_party", _("Third party")
    BENEFICIARIES = "beneficiaries", _("Beneficiaries")


class Evaluation(models.Model):
    """A performance evaluation by one kind of evaluator; one per kind and contract."""

    contract = models.ForeignKey(
        "procurement.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="evaluations",
    )
    evaluator_kind = models.CharField(_("evaluated by"), max_length=20, choices=EvaluatorKind.choices)
    evaluator_name = models.CharField(_("evaluator"), max_length=200)
    evaluated_on = models.DateField(_("evaluation date"))
    score = models.DecimalField(
        _("score (0–100)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    report = models.TextField(_("evaluation report"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance evaluation")
        verbose_name_plural = _("performance evaluations")
        ordering = ["contract", "evaluator_kind"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="evaluation_score_range",
                                   violation_error_message=_("The score lies between 0 and 100.")),
            models.UniqueConstraint(fields=["contract", "evaluator_kind"], name="evaluation_one_per_kind",
                                    violation_error_message=_("This contract already has an evaluation by this "
                                                              "kind of evaluator.")),
        ]

    def __str__(self):
        return f"{self.get_evaluator_kind_display()} {self.score}"
