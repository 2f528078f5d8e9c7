from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet
from apps.core.updates import TracksUpdates

from ..rules import bond_within_share


class ContractQuerySet(ScopedQuerySet):
    area_lookup = "project__purchaser"
    organization_lookup = "provider"

    def publication_overdue(self, today):
        """Not published by the deadline (or published late)."""
        return self.filter(
            Q(published_on__isnull=True, publication_due__lt=today) | Q(published_on__gt=F("publication_due"))
        )

    def filing_overdue(self, today):
        return self.filter(Q(filed_on__isnull=True, filing_due__lt=today) | Q(filed_on__gt=F("filing_due")))

    def published(self):
        return self.filter(published_on__isnull=False)


class ContractPartQuerySet(ScopedQuerySet):
    """Rows that belong to a contract: scoped like their contract."""

    area_lookup = "contract__project__purchaser"
    organization_lookup = "contract__provider"


class Contract(TracksUpdates, models.Model):
    """A purchased-service contract awarded to a provider.

    Activities (``apps.activities``) may link to a contract; KPI actuals are counted from them.
    Eligibility, amounts, term and deadlines are enforced by ``services.contract_award``.
    """

    project = models.ForeignKey(
        "procurement.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="contracts",
    )
    number = models.CharField(_("contract number"), max_length=60, unique=True, error_messages={
        "unique": _("Another contract already has this number: each contract has its own number.")})
    provider = models.ForeignKey(
        "organizations.Organization", verbose_name=_("provider"), on_delete=models.PROTECT,
        related_name="procurement_contracts",
    )
    provider_credit_code = models.CharField(
        _("provider credit code at signing"), max_length=18, blank=True,
        help_text=_("Copied from the organization when the contract is awarded."),
    )
    provider_grade = models.CharField(
        _("provider evaluation grade at award"), max_length=4, blank=True,
    )
    amount = models.DecimalField(_("contract amount (yuan)"), max_digits=14, decimal_places=2)
    signed_on = models.DateField(_("signed on"))
    start_date = models.DateField(_("term starts"))
    end_date = models.DateField(_("term ends"))
    term_justification = models.TextField(
        _("justification for a term over one year"), blank=True,
        help_text=_("Required when the term is longer than one year (stable, continuing services only)."),
    )
    # Exceptions to the eligibility rules (``apps.procurement.eligibility``), recorded with the award
    # (``awarded_by``) and shown on the contract page.
    backdating_justification = models.TextField(
        _("justification for a signing date before later credit events"), blank=True,
        help_text=_("Required when the provider was put on a credit list or penalised for a major violation "
                    "after the signing date entered: why the contract was really signed before that."),
    )
    annual_report_exception = models.TextField(
        _("exception for an overdue annual report"), blank=True,
        help_text=_("Required when the provider's annual report was overdue on the signing date: why the "
                    "award is made nevertheless."),
    )
    performance_bond = models.DecimalField(
        _("performance bond (yuan)"), max_digits=14, decimal_places=2, default=Decimal("0"),
    )
    content = models.TextField(_("service content"))
    quantity = models.CharField(_("quantity"), max_length=200, blank=True)
    quality_standard = models.TextField(_("quality standard"), blank=True)
    price_terms = models.CharField(_("price"), max_length=200, blank=True)
    settlement_method = models.CharField(_("settlement method"), max_length=200, blank=True)
    rights_and_duties = models.TextField(_("rights and duties"), blank=True)
    breach_liability = models.TextField(_("liability for breach"), blank=True)
    subcontracting_consented = models.BooleanField(
        _("purchaser consents to subcontracting"), default=False,
        help_text=_("Without written consent the provider may not subcontract."),
    )
    publication_due = models.DateField(_("publish by"), editable=False)
    filing_due = models.DateField(_("file by"), editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("awarded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("purchased-service contract")
        verbose_name_plural = _("purchased-service contracts")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contract_amount_positive",
                                   violation_error_message=_("The contract amount must be more than zero.")),
            models.CheckConstraint(condition=Q(end_date__gt=F("start_date")), name="contract_term_ordered",
                                   violation_error_message=_("The term must end after it starts.")),
            # The bond rule of rules.max_performance_bond, which the award service checks first.
            models.CheckConstraint(condition=bond_within_share(), name="contract_bond_at_most_10_percent",
                                   violation_error_message=_("The performance bond may be at most 10 percent of "
                                                             "the contract amount.")),
            models.CheckConstraint(
                condition=Q(publication_due__gt=F("signed_on")) & Q(filing_due__gt=F("signed_on")),
                name="contract_deadlines_after_signing",
                violation_error_message=_("The publication and filing deadlines fall after the signing date."),
            ),
        ]
        indexes = [
            # Overdue flags: contracts not yet published / filed, by deadline.
            models.Index(fields=["publication_due"], name="contract_unpublished_due",
                         condition=Q(published_on__isnull=True)),
            models.Index(fields=["filing_due"], name="contract_unfiled_due", condition=Q(filed_on__isnull=True)),
            # Public disclosure page: published contracts, newest first.
            models.Index(fields=["-published_on"], name="contract_published",
                         condition=Q(published_on__isnull=False)),
            # The API's incremental sync: rows changed since a time, in the cursor's order.
            models.Index(fields=["updated_at", "id"], name="contract_updated"),
        ]

    def __str__(self):
        return f"{self.number} {self.project}"

    @property
    def term_days(self):
        return (self.end_date - self.start_date).days + 1

    def publication_overdue_on(self, today):
        """Published late, or still unpublished after the deadline."""
        return (self.published_on or today) > self.publication_due

    def filing_overdue_on(self, today):
        return (self.filed_on or today) > self.filing_due


class SupplementaryAgreement(models.Model):
    """补充协议: together at most 10 % of the original contract amount (checked in services)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="supplements",
    )
    number = models.CharField(_("agreement number"), max_length=60, unique=True, error_messages={
        "unique": _("Another supplementary agreement already has this number.")})
    signed_on = models.DateField(_("signed on"))
    amount = models.DecimalField(_("additional amount (yuan)"), max_digits=14, decimal_places=2)
    content = models.TextField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("supplementary agreement")
        verbose_name_plural = _("supplementary agreements")
        ordering = ["signed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="supplement_amount_positive",
                                   violation_error_message=_("The additional amount must be more than zero.")),
        ]

    def __str__(self):
        return self.number
