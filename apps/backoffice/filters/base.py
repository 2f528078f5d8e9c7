import django_filters
from django.db.models import Q

from apps.core.crypto import defer_encrypted
from apps.core.forms import LabelColumnsOnlyMixin


class ScopedFilterSet(LabelColumnsOnlyMixin, django_filters.FilterSet):
    """Every dropdown of a back-office filter lists only what the user may see (and loads no
    encrypted personal data: options show names only, and load only the columns of their labels)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request is not None else None
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and hasattr(queryset, "visible_to"):
                filter_.queryset = defer_encrypted(filter_.queryset.visible_to(user))
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
