"""Areas and organizations."""

from django.db.models import BooleanField, ExpressionWrapper, Prefetch
from django.utils import timezone

from apps.areas.models import Area
from apps.organizations import selectors
from apps.organizations.models import CreditListing, EvaluationGrade, Organization

from ..filters import AreaFilter, OrganizationFilter
from ..serializers.registry import AreaSerializer, OrganizationSerializer
from .base import ScopedReadViewSet


class AreaViewSet(ScopedReadViewSet):
    """Areas of the client's scope (市 → 区 → 街道 → 社区 → 网格) with their statistical codes."""

    model = Area
    serializer_class = AreaSerializer
    filterset_class = AreaFilter


class OrganizationViewSet(ScopedReadViewSet):
    """Social organizations with status, current grade, credit status (as on the day of the read),
    their grades and credit listings."""

    model = Organization
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    select_related = ("area",)

    def get_queryset(self):
        # The list page's annotations (apps/backoffice/views/organizations.py: annotated_organizations),
        # so that the filters mean the same: credit status, current grade, overdue annual report.
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset  # the schema: no query (the deadlines below are read from a table)
        today = timezone.localdate()
        overdue = ExpressionWrapper(selectors.overdue_report_condition(today), output_field=BooleanField())
        return (queryset.with_credit_status().with_current_grade(today).annotate(report_overdue=overdue)
                .prefetch_related("domains",
                                  Prefetch("grades", EvaluationGrade.objects.order_by("-evaluated_on", "-pk")),
                                  Prefetch("credit_listings", CreditListing.objects.order_by("-listed_on", "-pk"))))
