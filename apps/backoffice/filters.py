import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.organizations.models import Organization


class ScopedFilterSet(django_filters.FilterSet):
    """Every dropdown of a back-office filter lists only what the user may see."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request is not None else None
        for name, filter_ in self.filters.items():
            model = getattr(filter_, "queryset", None)
            if model is not None and hasattr(model, "visible_to"):
                filter_.queryset = filter_.queryset.visible_to(user)
        self.user = user


class KeywordFilterMixin:
    keyword_fields: tuple = ()

    def filter_keyword(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.keyword_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


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
