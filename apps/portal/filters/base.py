import django_filters
from django.db.models import Q

from apps.core.crypto import defer_encrypted
from apps.core.forms import LabelColumnsOnlyMixin


class PortalFilterSet(LabelColumnsOnlyMixin, django_filters.FilterSet):
    """Every dropdown of a portal filter lists only the current organization's rows: each
    ``ModelChoiceFilter`` queryset goes through ``for_organization(request.organization)``,
    without encrypted columns (the options show names only, and load only their labels' columns)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        organization = request.organization
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None:
                filter_.queryset = defer_encrypted(queryset.for_organization(organization))


class KeywordMixin:
    keyword_fields: tuple = ()

    def filter_keyword(self, queryset, name, value):
        condition = Q()
        for field in self.keyword_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition) if value.strip() else queryset
