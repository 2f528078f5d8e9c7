"""Back-office filter sets use the shared, scope-limited ones (``apps.web.filters``)."""

from apps.web.filters import KeywordFilterMixin, ScopedFilterSet

__all__ = ["KeywordFilterMixin", "ScopedFilterSet"]
