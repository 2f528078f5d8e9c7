"""Filters of the organization's training and award records (issue 16.13)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.volunteers.models import HonourRecord, StarAward, StarAwardStatus, TrainingRecord
from apps.web.filters import KeywordFilterMixin, ScopedFilterSet


class _RecordFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")


class PortalTrainingFilter(_RecordFilter):
    keyword_fields = ("volunteer__name", "title", "organizer")
    date_from = django_filters.DateFilter(label=_("From"), field_name="held_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="held_on", lookup_expr="lte")

    class Meta:
        model = TrainingRecord
        fields = ["keyword", "date_from", "date_to"]


class PortalHonourFilter(_RecordFilter):
    keyword_fields = ("volunteer__name", "title", "granting_body")
    date_from = django_filters.DateFilter(label=_("From"), field_name="granted_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="granted_on", lookup_expr="lte")

    class Meta:
        model = HonourRecord
        fields = ["keyword", "date_from", "date_to"]


class PortalStarAwardFilter(_RecordFilter):
    keyword_fields = ("volunteer__name", "granting_body")
    date_from = django_filters.DateFilter(label=_("From"), field_name="granted_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="granted_on", lookup_expr="lte")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StarAwardStatus.choices)

    class Meta:
        model = StarAward
        fields = ["keyword", "status", "date_from", "date_to"]
