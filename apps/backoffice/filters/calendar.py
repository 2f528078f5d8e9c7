import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YesNoFilter
from apps.holidays.models import DayKind, HolidayDay, HolidayYear

from .base import ScopedFilterSet


class HolidayYearFilter(ScopedFilterSet):
    entered = YesNoFilter(label=_("Entered"))

    class Meta:
        model = HolidayYear
        fields = ["entered"]


class HolidayDayFilter(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DayKind.choices)

    class Meta:
        model = HolidayDay
        fields = ["kind"]
