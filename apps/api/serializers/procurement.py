"""Purchased-service contracts with their targets (KPIs, actuals counted from the linked
activities' records on the day of the read) and payments (DOMAIN §5), and the public disclosure:
only what the public page shows (no person)."""

from rest_framework import serializers

from apps.organizations.models import CreditListing
from apps.procurement.models import Acceptance, Contract, PaymentMilestone, PerformanceTarget, Project

from .common import AreaRefSerializer, OrganizationRefSerializer


class ProjectRefSerializer(serializers.ModelSerializer):
    purchaser = AreaRefSerializer(read_only=True)

    class Meta:
        model = Project
        fields = ["id", "name", "fiscal_year", "status", "purchaser"]


class TargetSerializer(serializers.ModelSerializer):
    actual = serializers.SerializerMethodField()

    class Meta:
        model = PerformanceTarget
        fields = ["id", "kind", "name", "unit", "target_value", "actual"]

    def get_actual(self, target) -> str:
        """Counted from the records (sessions, people, hours) or entered by staff (custom items)."""
        return str(self.context["actuals"].get(target.pk, ""))


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PaymentMilestone
        fields = ["id", "name", "condition", "planned_amount", "planned_on", "paid_amount", "paid_on"]


class ContractSerializer(serializers.ModelSerializer):
    project = ProjectRefSerializer(read_only=True)
    provider = OrganizationRefSerializer(read_only=True)
    targets = serializers.SerializerMethodField()
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = ["id", "number", "project", "provider", "provider_credit_code", "provider_grade", "amount",
                  "signed_on", "start_date", "end_date", "content", "quantity", "price_terms", "settlement_method",
                  "performance_bond", "publication_due", "filing_due", "published_on", "filed_on", "targets",
                  "payments", "created_at", "updated_at"]

    def get_targets(self, contract) -> TargetSerializer(many=True):
        progress = self.context["progress"].get(contract.pk, [])
        actuals = {item.target.pk: item.actual for item in progress}
        return TargetSerializer([item.target for item in progress], many=True,
                                context={**self.context, "actuals": actuals}).data


class DisclosedContractSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    purchaser = serializers.CharField(source="project.purchaser.name", read_only=True)
    provider = serializers.CharField(source="provider.name", read_only=True)

    class Meta:
        model = Contract
        fields = ["id", "number", "project_name", "purchaser", "provider", "provider_credit_code", "amount",
                  "start_date", "end_date", "published_on"]


class DisclosedAcceptanceSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    project_name = serializers.CharField(source="contract.project.name", read_only=True)
    provider = serializers.CharField(source="contract.provider.name", read_only=True)

    class Meta:
        model = Acceptance
        fields = ["id", "contract_number", "project_name", "provider", "accepted_on", "result", "published_on"]


class DisclosedCreditListingSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)
    credit_code = serializers.CharField(source="organization.credit_code", read_only=True)
    filing_number = serializers.CharField(source="organization.filing_number", read_only=True)

    class Meta:
        model = CreditListing
        fields = ["id", "kind", "organization", "credit_code", "filing_number", "listed_on", "decision_document",
                  "decided_by"]
