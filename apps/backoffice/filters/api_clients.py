import django_filters
from django.utils.translation import gettext_lazy as _

from apps.apiclients.models import Access, ApiClient
from apps.audit.models import AuditEvent
from apps.core.filters import DayRangeFilter

from .base import KeywordFilterMixin, ScopedFilterSet


class ApiClientFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "contact", "token_prefix")
    keyword = django_filters.CharFilter(label=_("Name or token prefix"), method="filter_keyword")
    access = django_filters.ChoiceFilter(label=_("Access"), choices=Access.choices)

    class Meta:
        model = ApiClient
        fields = ["keyword", "access"]


class ApiCallFilter(ScopedFilterSet):
    """The API's audit entries: by client (the user's clients only), by day and by answer."""

    client = django_filters.ModelChoiceFilter(label=_("API client"), queryset=ApiClient.objects.all(),
                                              method="filter_client")
    day_from = DayRangeFilter(label=_("From"), field_name="created_at", bound="from")
    day_to = DayRangeFilter(label=_("To"), field_name="created_at", bound="to")
    refused = django_filters.ChoiceFilter(label=_("Answer"), method="filter_refused", choices=[
        ("no", _("Answered")), ("yes", _("Refused"))])

    class Meta:
        model = AuditEvent
        fields = ["client", "day_from", "day_to", "refused"]

    def filter_client(self, queryset, name, value):
        return queryset.filter(object_id=str(value.pk))

    def filter_refused(self, queryset, name, value):
        # The answer's status is kept in the entry's detail; a refusal carries no rows.
        refused = queryset.filter(detail__status__gte=400)
        return refused if value == "yes" else queryset.exclude(pk__in=refused.values("pk"))
