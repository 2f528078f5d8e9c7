import django_filters
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.onboarding.models import ChangeRequest, Decision, FieldGroup, SignupApplication
from apps.organizations.models import LegalForm

from .base import KeywordFilterMixin, ScopedFilterSet


class SignupApplicationFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "credit_code", "filing_number")
    keyword = django_filters.CharFilter(label=_("Name or code"), method="filter_keyword")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Decision.choices)
    legal_form = django_filters.ChoiceFilter(label=_("Legal form"), choices=LegalForm.choices)
    area = django_filters.ModelChoiceFilter(label=_("Community"),
                                            queryset=Area.objects.filter(level=AreaLevel.COMMUNITY))

    class Meta:
        model = SignupApplication
        fields = ["keyword", "status", "legal_form", "area"]


class ChangeRequestFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("organization__name",)
    keyword = django_filters.CharFilter(label=_("Organization"), method="filter_keyword")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Decision.choices)
    field_group = django_filters.ChoiceFilter(label=_("Field group"), choices=FieldGroup.choices)

    class Meta:
        model = ChangeRequest
        fields = ["keyword", "status", "field_group"]
