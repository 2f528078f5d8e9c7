"""Areas and organizations (DOMAIN §1, §2): the registry with status, current grade and credit
status (as the list page computes them, for the day of the read), grades and credit listings."""

from rest_framework import serializers

from apps.areas.models import Area
from apps.organizations.models import CreditListing, CreditStatus, EvaluationGrade, Organization

from .common import AreaRefSerializer


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Area
        fields = ["id", "code", "code_year", "name", "level", "parent", "updated_at"]


class GradeSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationGrade
        fields = ["grade", "score", "evaluated_on", "valid_until", "certificate_number", "evaluator"]


class CreditListingSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditListing
        fields = ["kind", "reason", "decision_document", "decided_by", "listed_on", "removed_on", "removal_reason"]


class OrganizationSerializer(serializers.ModelSerializer):
    area = AreaRefSerializer(read_only=True)
    domains = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    contact_phone_masked = serializers.CharField(source="masked_contact_phone", read_only=True)
    credit_status = serializers.ChoiceField(choices=CreditStatus.choices, read_only=True)
    current_grade = serializers.IntegerField(read_only=True, allow_null=True, min_value=1, max_value=5)
    current_grade_valid_until = serializers.DateField(read_only=True, allow_null=True)
    # Null when it cannot be judged (no founding date): the list page's filter sees it the same way.
    report_overdue = serializers.BooleanField(read_only=True, allow_null=True)
    grades = GradeSerializer(many=True, read_only=True)
    credit_listings = CreditListingSerializer(many=True, read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "legal_form", "management_mode", "credit_code", "filing_number", "area", "residence",
                  "activity_region", "representative", "supervisor", "registration_authority", "founded_on", "status",
                  "status_changed_on", "domains", "party_org_type", "party_member_count", "contact_name",
                  "contact_phone_masked", "credit_status", "current_grade", "current_grade_valid_until",
                  "report_overdue", "grades", "credit_listings", "created_at", "updated_at"]
