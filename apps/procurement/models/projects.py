from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet


class ProjectStatus(models.TextChoices):
    APPROVED = "approved", _("Approved (立项)")
    PROCURING = "procuring", _("Procuring")
    CONTRACTED = "contracted", _("Contracted")
    PERFORMING = "performing", _("Performing")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Awaiting acceptance")
    ACCEPTED = "accepted", _("Acceptance passed")
    CLOSED = "closed", _("Closed")
    TERMINATED = "terminated", _("Terminated")


#: The only transitions a project may make. Reaching CONTRACTED happens by awarding a
#: contract, ACCEPTED by recording a passed acceptance (see services).
ALLOWED_TRANSITIONS = {
    ProjectStatus.APPROVED: {ProjectStatus.PROCURING, ProjectStatus.TERMINATED},
    ProjectStatus.PROCURING: {ProjectStatus.CONTRACTED, ProjectStatus.TERMINATED},
    ProjectStatus.CONTRACTED: {ProjectStatus.PERFORMING, ProjectStatus.TERMINATED},
    ProjectStatus.PERFORMING: {ProjectStatus.AWAITING_ACCEPTANCE, ProjectStatus.TERMINATED},
    ProjectStatus.AWAITING_ACCEPTANCE: {
        ProjectStatus.ACCEPTED, ProjectStatus.PERFORMING, ProjectStatus.TERMINATED,
    },
    ProjectStatus.ACCEPTED: {ProjectStatus.CLOSED},
    ProjectStatus.CLOSED: set(),
    ProjectStatus.TERMINATED: set(),
}


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Own fiscal budget")
    TRANSFER = "transfer", _("Transfer from higher level")
    LOTTERY = "lottery", _("Welfare lottery public-welfare fund")
    OTHER = "other", _("Other fiscal funds")


class ProcurementMethod(models.TextChoices):
    OPEN_TENDER = "open_tender", _("Open tender")
    INVITED_TENDER = "invited_tender", _("Invited tender")
    COMPETITIVE_NEGOTIATION = "negotiation", _("Competitive negotiation")
    COMPETITIVE_CONSULTATION = "consultation", _("Competitive consultation")
    SINGLE_SOURCE = "single_source", _("Single source")
    REQUEST_FOR_QUOTATION = "quotation", _("Request for quotation")
    FRAMEWORK_AGREEMENT = "framework", _("Framework agreement")
    OTHER = "other", _("Other")


class ProjectQuerySet(ScopedQuerySet):
    area_lookup = "purchaser"
    # Providers see their contracts, not the purchaser's project files.
    organization_lookup = None


class Project(models.Model):
    """A purchase of services by a street office (or department): 政府购买服务项目."""

    purchaser = models.ForeignKey(
        "areas.Area", verbose_name=_("purchaser"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The street office (or district department) buying the service."),
    )
    name = models.CharField(_("project name"), max_length=200)
    catalogue_item = models.ForeignKey(
        "procurement.CatalogueItem", verbose_name=_("catalogue item"), on_delete=models.PROTECT,
        related_name="projects",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    budget_amount = models.DecimalField(_("budget (yuan)"), max_digits=14, decimal_places=2)
    budget_reference = models.CharField(
        _("budget line"), max_length=100,
        help_text=_("The approved budget line (预算科目/批复文号) of the fiscal year: no budget, no purchase."),
    )
    funding_source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    procurement_method = models.CharField(
        _("procurement method"), max_length=20, choices=ProcurementMethod.choices,
    )
    description = models.TextField(_("service content and requirements"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.APPROVED,
    )
    termination_reason = models.TextField(_("termination reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("purchased-service project")
        verbose_name_plural = _("purchased-service projects")
        ordering = ["-fiscal_year", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(budget_amount__gt=0), name="project_budget_positive",
                                   violation_error_message=_("The budget must be more than zero.")),
            models.CheckConstraint(condition=~Q(budget_reference=""), name="project_needs_budget_line",
                                   violation_error_message=_("Enter the budget line: no budget, no purchase.")),
            models.CheckConstraint(
                condition=~Q(status="terminated") | ~Q(termination_reason=""),
                name="project_termination_needs_reason",
                violation_error_message=_("A terminated project needs the reason for its termination."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_valid",
                violation_error_message=_("Choose one of the project statuses."),
            ),
        ]
        indexes = [
            # Back-office list: one purchaser's projects of a year, by status.
            models.Index(fields=["purchaser", "fiscal_year", "status"], name="project_purchaser_year"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_final(self):
        return not ALLOWED_TRANSITIONS[self.status]

    def allowed_next(self):
        return [status for status in ProjectStatus if status in ALLOWED_TRANSITIONS[self.status]]
