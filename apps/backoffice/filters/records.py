import django_filters
from django.utils.translation import gettext_lazy as _

from apps.activities.models import RecordStatus, ServiceRecord
from apps.core.filters import DayRangeFilter
from apps.organizations.models import Organization

from .base import ScopedFilterSet


class ServiceRecordFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecordStatus.choices)
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all(),
                                                    field_name="activity__organization")
    volunteer_number = django_filters.CharFilter(label=_("Volunteer number"), field_name="volunteer__number")
    activity = django_filters.NumberFilter(label=_("Activity ID"), field_name="activity_id")
    date_from = DayRangeFilter(label=_("From"), field_name="started_at", bound="from")
    date_to = DayRangeFilter(label=_("To"), field_name="started_at", bound="to")

    class Meta:
        model = ServiceRecord
        fields = ["status", "organization", "volunteer_number", "activity", "date_from", "date_to"]
