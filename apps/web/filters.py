"""Filter sets of both audiences: every dropdown lists only what the scope may see."""

import django_filters
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from apps.core.crypto import defer_encrypted
from apps.core.forms import LabelColumnsOnlyMixin

from .pickers import use_picker


class ScopedFilterSet(LabelColumnsOnlyMixin, django_filters.FilterSet):
    """Every model dropdown goes through ``scope.rows()`` (the back office: the user's area; the
    portal: the organization), without encrypted columns: options show names only and load only
    their labels' columns. A dropdown of a model without scoping is a mistake that would list
    every tenant's rows, so it fails loudly, unless the filter set names it in ``unscoped``
    (reference lists that everybody may read, such as service domains)."""

    #: Filters whose dropdowns list reference data that is the same for everybody.
    unscoped: tuple = ()

    def __init__(self, *args, request=None, scope=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.scope = scope
        for name, filter_ in self.filters.items():
            queryset = getattr(filter_, "queryset", None)
            if queryset is None or name in self.unscoped:
                continue
            if not hasattr(queryset, "visible_to"):
                raise ImproperlyConfigured(
                    f"{type(self).__name__}.{name} lists {queryset.model.__name__}, which has no scoping: give the "
                    f"model a ScopedQuerySet, or name the filter in unscoped if everybody may see every row.")
            filter_.queryset = defer_encrypted(scope.rows(queryset))

    @property
    def form(self):
        """Dropdowns of many organizations or volunteers become pickers (``apps.web.pickers``)."""
        if not hasattr(self, "_form"):
            form = super().form
            for name, field in form.fields.items():
                if getattr(field, "queryset", None) is not None and name not in self.unscoped \
                        and self.scope is not None:
                    use_picker(field, self.scope)
        return self._form


class KeywordFilterMixin:
    """A ``keyword`` filter searching ``keyword_fields`` (case-insensitive substring, any field)."""

    keyword_fields: tuple = ()

    def filter_keyword(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.keyword_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)
