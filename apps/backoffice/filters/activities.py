import django_filters
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity, ActivityCategory, OrganizerKind
from apps.areas.models import Area, AreaLevel
from apps.core.filters import DayRangeFilter
from apps.organizations.models import Organization

from .base import KeywordFilterMixin, ScopedFilterSet


class ActivityFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "place")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ActivityCategory.choices)
    organizer_kind = django_filters.ChoiceFilter(label=_("Organizer type"), choices=OrganizerKind.choices)
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())
    community = django_filters.ModelChoiceFilter(label=_("Community"),
                                                 queryset=Area.objects.filter(level=AreaLevel.COMMUNITY))
    starts_after = DayRangeFilter(label=_("From"), field_name="starts_at", bound="from")
    starts_before = DayRangeFilter(label=_("To"), field_name="starts_at", bound="to")

    class Meta:
        model = Activity
        fields = ["keyword", "category", "organizer_kind", "organization", "community"]
