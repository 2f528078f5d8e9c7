"""Filters of the audit log: by user, record (type and name), action and day."""

import django_filters
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.audit.models import AuditAction, AuditEvent
from apps.core.filters import DayRangeFilter

from .base import ScopedFilterSet


def record_type_choices():
    """The audited models by their names (content type pk, name), sorted by name."""
    models = list(auditlog.get_models())
    types = ContentType.objects.get_for_models(*models)
    return sorted(((types[model].pk, capfirst(model._meta.verbose_name)) for model in models),
                  key=lambda choice: str(choice[1]))


class AuditLogFilterMixin:

    def filter_user(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(actor__username__icontains=value) | Q(actor__full_name__icontains=value))

    def filter_record(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(object_repr__icontains=value) if value else queryset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["record_type"].extra["choices"] = record_type_choices


class LogEntryFilter(AuditLogFilterMixin, ScopedFilterSet):
    user = django_filters.CharFilter(label=_("User"), method="filter_user")
    record_type = django_filters.ChoiceFilter(label=_("Record type"), field_name="content_type")
    record = django_filters.CharFilter(label=_("Record"), method="filter_record")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=LogEntry.Action.choices)
    date_from = DayRangeFilter(label=_("From"), field_name="timestamp", bound="from")
    date_to = DayRangeFilter(label=_("To"), field_name="timestamp", bound="to")

    class Meta:
        model = LogEntry
        fields = ["user", "record_type", "record", "action", "date_from", "date_to"]


class AuditEventFilter(AuditLogFilterMixin, ScopedFilterSet):
    user = django_filters.CharFilter(label=_("User"), method="filter_user")
    record_type = django_filters.ChoiceFilter(label=_("Record type"), field_name="content_type")
    record = django_filters.CharFilter(label=_("Record"), method="filter_record")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    date_from = DayRangeFilter(label=_("From"), field_name="created_at", bound="from")
    date_to = DayRangeFilter(label=_("To"), field_name="created_at", bound="to")

    class Meta:
        model = AuditEvent
        fields = ["user", "record_type", "record", "action", "date_from", "date_to"]
