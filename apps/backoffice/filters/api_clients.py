import django_filters
from django.utils.translation import gettext_lazy as _

from apps.apiclients.models import Access, ApiClient

from .base import KeywordFilterMixin, ScopedFilterSet


class ApiClientFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "contact", "token_prefix")
    keyword = django_filters.CharFilter(label=_("Name or token prefix"), method="filter_keyword")
    access = django_filters.ChoiceFilter(label=_("Access"), choices=Access.choices)

    class Meta:
        model = ApiClient
        fields = ["keyword", "access"]
