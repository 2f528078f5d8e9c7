import django_filters
from django.utils.translation import gettext_lazy as _

from apps.imports.models import ImportJob, ImportKind, ImportStatus

from .base import ScopedFilterSet


class ImportJobFilter(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Import of"), choices=ImportKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ImportStatus.choices)

    class Meta:
        model = ImportJob
        fields = ["kind", "status"]
