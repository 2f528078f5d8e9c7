"""Filters of the organization's work pages; every dropdown through ``ScopedFilterSet`` (the organization's rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.activities.models import (
    Activity, ActivityCategory, Certificate, CertificateStatus, RecordStatus, ServiceRecord,
)
from apps.core.filters import DayRangeFilter
from apps.procurement.models import Contract
from apps.volunteers.models import Team, Volunteer
from apps.web.filters import KeywordFilterMixin, ScopedFilterSet


class PortalVolunteerFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "number")
    keyword = django_filters.CharFilter(label=_("Name or volunteer number"), method="filter_keyword")
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.all(),
                                            field_name="team_memberships__team", distinct=True)

    class Meta:
        model = Volunteer
        fields = ["keyword", "team"]


class PortalTeamFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name",)
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Team.Status.choices)

    class Meta:
        model = Team
        fields = ["keyword", "status"]


class PortalActivityFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "place")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ActivityCategory.choices)
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.all())
    starts_after = DayRangeFilter(label=_("From"), field_name="starts_at", bound="from")
    starts_before = DayRangeFilter(label=_("To"), field_name="starts_at", bound="to")

    class Meta:
        model = Activity
        fields = ["keyword", "category", "team"]


class PortalRecordFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecordStatus.choices)
    activity = django_filters.ModelChoiceFilter(label=_("Activity"), queryset=Activity.objects.order_by("-starts_at"))
    volunteer = django_filters.ModelChoiceFilter(label=_("Volunteer"), queryset=Volunteer.objects.order_by("name"))
    date_from = DayRangeFilter(label=_("From"), field_name="started_at", bound="from")
    date_to = DayRangeFilter(label=_("To"), field_name="started_at", bound="to")

    class Meta:
        model = ServiceRecord
        fields = ["status", "activity", "volunteer", "date_from", "date_to"]


class PortalCertificateFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificateStatus.choices)
    volunteer = django_filters.ModelChoiceFilter(label=_("Volunteer"), queryset=Volunteer.objects.order_by("name"))

    class Meta:
        model = Certificate
        fields = ["status", "volunteer"]


class PortalContractFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("number", "project__name")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")

    class Meta:
        model = Contract
        fields = ["keyword"]
