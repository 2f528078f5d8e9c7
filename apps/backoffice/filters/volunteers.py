import django_filters
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.organizations.models import Organization
from apps.volunteers.lookups import LookupLimited, volunteer_exact_lookup
from apps.volunteers.models import DuplicateReview, PoliticalStatus, Volunteer
from apps.volunteers.permissions import can_reveal_personal_data
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

    #: Parameters holding personal values: masked in the audit entry of an export.
    personal_params = ("document",)

    class Meta:
        model = Volunteer
        fields = ["keyword", "document", "community", "organization", "political_status", "star_level", "review"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Exact look-ups are for roles that may reveal personal data: for others the filter does
        # not exist, so ``?document=`` narrows nothing (no oracle for a masked number's digits).
        if not can_reveal_personal_data(getattr(self.request, "user", None)):
            del self.filters["document"]

    def filter_document(self, queryset, name, value):
        # Exact look-up through the keyed hashes (the clear values are never queried), counted
        # per user and audited by the service.
        value = value.strip()
        if not value:
            return queryset
        try:
            return volunteer_exact_lookup(actor=self.request.user, queryset=queryset, value=value,
                                          request=self.request)
        except LookupLimited as error:
            messages.error(self.request, " ".join(error.messages))
            return queryset.none()

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
