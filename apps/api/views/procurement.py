"""Purchased-service contracts with KPIs and payments, and the public disclosure (信息公开)."""

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import mixins, viewsets

from apps.organizations.selectors import open_credit_listings
from apps.procurement.models import Contract, PaymentMilestone
from apps.procurement.selectors import disclosed_acceptances, disclosed_contracts, target_progress

from ..filters import ContractFilter, DisclosureContractFilter
from ..serializers.procurement import (
    ContractSerializer, DisclosedAcceptanceSerializer, DisclosedContractSerializer, DisclosedCreditListingSerializer,
)
from .base import ApiViewMixin, ScopedReadViewSet


class ContractViewSet(ScopedReadViewSet):
    """Contracts of the client's scope (an area: purchased there; an organization: its own), each
    with its targets (actuals counted from the linked activities' records, as on the contract's
    page, on the day of the read) and its payments."""

    model = Contract
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    select_related = ("project__purchaser", "provider")

    def get_queryset(self):
        return super().get_queryset().defer("provider__contact_phone").prefetch_related(
            Prefetch("payments", PaymentMilestone.objects.order_by("planned_on", "pk")))

    def get_serializer(self, *args, **kwargs):
        if args and self.action in ("list", "retrieve"):
            # The page's targets and counted actuals in three queries, whatever its length.
            rows = args[0] if isinstance(args[0], list) else [args[0]]
            kwargs["context"] = {**self.get_serializer_context(), "progress": target_progress(rows)}
            return self.get_serializer_class()(*args, **kwargs)
        return super().get_serializer(*args, **kwargs)


class DisclosureViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """What the public disclosure page shows to anybody, the same for every client (not scoped)."""

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.audit_rows = len(page) if page is not None else 0
        return page


class DisclosedContractViewSet(DisclosureViewSet):
    """Published contracts (no persons: the public page's columns)."""

    serializer_class = DisclosedContractSerializer
    filterset_class = DisclosureContractFilter

    def get_queryset(self):
        return disclosed_contracts()


class DisclosedAcceptanceViewSet(DisclosureViewSet):
    """Published acceptance results."""

    serializer_class = DisclosedAcceptanceSerializer
    filterset_class = None

    def get_queryset(self):
        return disclosed_acceptances()


class DisclosedCreditListingViewSet(DisclosureViewSet):
    """Organizations on a credit list today (活动异常名录, 严重违法失信名单)."""

    serializer_class = DisclosedCreditListingSerializer
    filterset_class = None

    def get_queryset(self):
        return open_credit_listings(timezone.localdate())
