import django_filters
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.organizations.models import Organization

from .base import KeywordFilterMixin, ScopedFilterSet


class OrganizationFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name",)
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), queryset=Area.objects.filter(level__in=[AreaLevel.STREET, AreaLevel.COMMUNITY]),
        method="filter_area",
    )

    class Meta:
        model = Organization
        fields = ["keyword", "area"]

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value) if value else queryset
