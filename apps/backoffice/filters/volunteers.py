import django_filters
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.core.crypto import keyed_hash
from apps.organizations.models import Organization
from apps.volunteers.models import DuplicateReview, PoliticalStatus, Volunteer
from apps.volunteers.stars import volunteers_with_awards_under_review

from .base import KeywordFilterMixin, ScopedFilterSet


class VolunteerFilter(KeywordFilterMixin, ScopedFilterSet):
    keyword_fields = ("name", "number")
    keyword = django_filters.CharFilter(label=_("Name or number"), method="filter_keyword")
    document = django_filters.CharFilter(label=_("Full ID number or phone"), method="filter_document",
                                         help_text=_("Exact match only."))
    community = django_filters.ModelChoiceFilter(
        label=_("Residence community"), queryset=Area.objects.filter(level=AreaLevel.COMMUNITY),
        method="filter_community")
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all(),
                                                    method="filter_organization")
    political_status = django_filters.ChoiceFilter(label=_("Political status"), choices=PoliticalStatus.choices)
    star_level = django_filters.NumberFilter(label=_("Stars at least"), field_name="star_level", lookup_expr="gte")
    review = django_filters.ChoiceFilter(label=_("Needs review"), method="filter_review", choices=[
        ("stars", _("Star award under review")), ("duplicate", _("Likely duplicate registration"))])

    class Meta:
        model = Volunteer
        fields = ["keyword", "document", "community", "organization", "political_status", "star_level", "review"]

    def filter_document(self, queryset, name, value):
        # Exact look-up through the keyed hashes: the clear values are never queried.
        value = value.strip()
        if not value:
            return queryset
        digest = keyed_hash(value)
        return queryset.filter(id_number_hash=digest) | queryset.filter(phone_hash=digest)

    def filter_community(self, queryset, name, value):
        return queryset.filter(community__in=Area.objects.subtree(value)) if value else queryset

    def filter_organization(self, queryset, name, value):
        return queryset.for_organization(value) if value else queryset

    def filter_review(self, queryset, name, value):
        # The dashboard's "needs attention" links (apps.reports.selectors.alerts counts the same).
        if value == "stars":
            return queryset.filter(pk__in=volunteers_with_awards_under_review())
        if value == "duplicate":
            return queryset.filter(duplicate_review=DuplicateReview.LIKELY)
        return queryset
