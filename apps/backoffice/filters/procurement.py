import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YesNoFilter
from apps.organizations.models import Organization
from apps.procurement.models import CatalogueItem, Contract, ProcurementMethod, Project, ProjectStatus

from .base import KeywordFilterMixin, ScopedFilterSet


class CatalogueFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "code")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    on_negative_list = YesNoFilter(label=_("On the negative list"))

    class Meta:
        model = CatalogueItem
        fields = ["keyword", "on_negative_list"]


class ProjectFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "budget_reference")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    fiscal_year = django_filters.NumberFilter(label=_("Fiscal year"))
    procurement_method = django_filters.ChoiceFilter(label=_("Procurement method"),
                                                     choices=ProcurementMethod.choices)

    class Meta:
        model = Project
        fields = ["keyword", "status", "fiscal_year", "procurement_method"]


class ContractFilter(KeywordFilterMixin, ScopedFilterSet):
    OVERDUE_CHOICES = [("publication", _("Publication overdue")), ("filing", _("Filing overdue"))]

    keyword_fields = ("number", "project__name", "provider__name")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    provider = django_filters.ModelChoiceFilter(label=_("Provider"), queryset=Organization.objects.all())
    project__status = django_filters.ChoiceFilter(label=_("Project status"), choices=ProjectStatus.choices)
    overdue = django_filters.ChoiceFilter(label=_("Overdue"), choices=OVERDUE_CHOICES, method="filter_overdue")

    class Meta:
        model = Contract
        fields = ["keyword", "provider", "project__status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value == "publication":
            return queryset.publication_overdue(today)
        if value == "filing":
            return queryset.filing_overdue(today)
        return queryset
