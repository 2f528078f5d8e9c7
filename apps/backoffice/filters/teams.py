import django_filters
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import Organization
from apps.volunteers.models import Team

from .base import KeywordFilterMixin, ScopedFilterSet


class TeamFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name",)
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Team.Status.choices)

    class Meta:
        model = Team
        fields = ["keyword", "organization", "status"]
