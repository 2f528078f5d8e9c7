import django_filters
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel

from .base import KeywordFilterMixin, ScopedFilterSet


class AreaFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "code")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=AreaLevel.choices)
    parent = django_filters.ModelChoiceFilter(
        label=_("Parent area"), queryset=Area.objects.exclude(level__in=[AreaLevel.GRID, AreaLevel.COMMUNITY]),
    )

    class Meta:
        model = Area
        fields = ["keyword", "level", "parent"]
