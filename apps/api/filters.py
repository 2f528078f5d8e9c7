"""The API's filters: the list pages' filters (``apps/backoffice/filters``) by the same names and
meanings, over the client's scope (``ScopedFilterSet``: a dropdown's choices are the scope's
rows, so another tenant's id is refused like an unknown one), plus ``updated_since`` for
incremental sync. Left out, as ``tests/api/test_reads.py`` states: the exact search by a full
ID number or phone (a look-up of personal data, limited per person in the back office) and the
staff's review queues (likely duplicates, star awards under review), which organizations must
not learn. Area choices are not scoped: area names and codes are public (as in the portal's
community lists), and the rows are scoped anyway."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from apps.activities.models import Activity, ActivityCategory, OrganizerKind, RecordStatus, ServiceRecord
from apps.areas.models import Area, AreaLevel
from apps.core.filters import DayRangeFilter
from apps.organizations.models import CreditStatus, Grade, LegalForm, Organization, OrgStatus, ServiceDomain
from apps.organizations.selectors import late_report_condition, serious_list_candidate_condition
from apps.procurement.models import Contract, ProjectStatus
from apps.reports.selectors import grades_expiring_condition, recently_listed_organizations
from apps.volunteers.models import PoliticalStatus, Team, Volunteer
from apps.web.filters import KeywordFilterMixin, ScopedFilterSet

#: Dates a filter accepts: far enough for any record, near enough that local midnight and the
#: next day exist in every time zone (year 1 or 9999 would overflow the conversion to UTC).
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)


class BoundedDateField(forms.DateField):
    def clean(self, value):
        day = super().clean(value)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Give a date between %(earliest)s and %(latest)s.")
                                        % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()})
        return day


def _utc_day(moment) -> datetime.date:
    """The UTC day of ``moment``; a time whose offset moves it out of the calendar (year 1 at +14:00)
    counts as out of range too."""
    try:
        return moment.astimezone(datetime.UTC).date()
    except OverflowError:
        return datetime.date.min if moment.year == datetime.MINYEAR else datetime.date.max


class BoundedDateTimeField(django_filters.fields.IsoDateTimeField):
    def clean(self, value):
        moment = super().clean(value)
        if moment is not None and not EARLIEST <= _utc_day(moment) <= LATEST:
            raise forms.ValidationError(_("Give a time between %(earliest)s and %(latest)s.")
                                        % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()})
        return moment

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:  # an offset that moves the time out of the calendar
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter takes decimals): star levels, ids."""

    field_class = forms.IntegerField


class ApiDayRangeFilter(DayRangeFilter):
    field_class = BoundedDateField


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """Rows changed at or after this time (ISO 8601 with its offset): the API's incremental sync."""

    field_class = BoundedDateTimeField

    def __init__(self, **kwargs):
        super().__init__(field_name="updated_at", lookup_expr="gte", label=_("Changed since"), **kwargs)


class EmptyValueRefused:
    """A parameter sent without a value is an error (a web form's empty field means "any"; a
    program that sends ``status=`` has a bug it should learn about)."""

    def is_valid(self):
        valid = super().is_valid()
        empty = [name for name in self.filters if self.data.get(name, None) == ""]
        for name in empty:
            self.form.add_error(name, _("Give a value or leave the parameter out."))
        return valid and not empty


class ApiFilterSet(EmptyValueRefused, ScopedFilterSet):
    unscoped = ("area", "community", "parent")
    updated_since = UpdatedSinceFilter()


class AreaFilter(KeywordFilterMixin, ApiFilterSet):
    keyword_fields = ("name", "code")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=AreaLevel.choices)
    parent = django_filters.ModelChoiceFilter(label=_("Parent area"), queryset=Area.objects.exclude(
        level__in=[AreaLevel.GRID, AreaLevel.COMMUNITY]))

    class Meta:
        model = Area
        fields = ["keyword", "level", "parent"]


NO_GRADE = "none"
YES = [("yes", _("Yes"))]


class OrganizationFilter(KeywordFilterMixin, ApiFilterSet):
    """As the registry list; ``credit_status``, ``current_grade`` and ``report_overdue`` are the
    annotations of the view's queryset (the list page's)."""

    keyword_fields = ("name", "credit_code", "filing_number")
    unscoped = (*ApiFilterSet.unscoped, "domain")
    keyword = django_filters.CharFilter(label=_("Name or code"), method="filter_keyword")
    area = django_filters.ModelChoiceFilter(label=_("Area"), method="filter_area", queryset=Area.objects.filter(
        level__in=[AreaLevel.STREET, AreaLevel.COMMUNITY]))
    legal_form = django_filters.ChoiceFilter(label=_("Legal form"), choices=LegalForm.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrgStatus.choices)
    domain = django_filters.ModelChoiceFilter(label=_("Service domain"), field_name="domains",
                                              queryset=ServiceDomain.objects.all())
    credit_status = django_filters.ChoiceFilter(label=_("Credit status"), choices=CreditStatus.choices)
    grade = django_filters.ChoiceFilter(label=_("Grade"), method="filter_grade",
                                        choices=[*Grade.choices, (NO_GRADE, _("No valid grade"))])
    report_overdue = django_filters.ChoiceFilter(label=_("Annual report overdue"), method="filter_overdue",
                                                 choices=[("yes", _("Yes")), ("no", _("No"))])
    grade_expiring = django_filters.ChoiceFilter(label=_("Grade expires within 6 months"),
                                                 method="filter_grade_expiring", choices=YES)
    listed_recently = django_filters.ChoiceFilter(label=_("Put on a credit list in the last 30 days"),
                                                  method="filter_listed_recently", choices=YES)
    report_late = django_filters.ChoiceFilter(label=_("Annual report filed late"), method="filter_report_late",
                                              choices=YES)
    serious_candidate = django_filters.ChoiceFilter(label=_("Two years on the abnormal list"),
                                                    method="filter_serious_candidate", choices=YES)

    class Meta:
        model = Organization
        fields = ["keyword", "area", "legal_form", "status", "domain", "credit_status", "grade", "report_overdue",
                  "grade_expiring", "listed_recently", "report_late", "serious_candidate"]

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    @extend_schema_field({"type": "string", "enum": [*map(str, sorted(Grade.values)), NO_GRADE]})
    def filter_grade(self, queryset, name, value):
        return queryset.filter(current_grade__isnull=True) if value == NO_GRADE else queryset.filter(
            current_grade=int(value))

    @extend_schema_field({"type": "string", "enum": ["no", "yes"]})  # not the annotation's boolean
    def filter_overdue(self, queryset, name, value):
        return queryset.filter(report_overdue=value == "yes")

    def filter_grade_expiring(self, queryset, name, value):
        return queryset.filter(grades_expiring_condition(timezone.localdate()))

    def filter_listed_recently(self, queryset, name, value):
        return queryset.filter(pk__in=recently_listed_organizations(timezone.localdate()))

    def filter_report_late(self, queryset, name, value):
        return queryset.filter(late_report_condition(timezone.localdate()))

    def filter_serious_candidate(self, queryset, name, value):
        return queryset.filter(serious_list_candidate_condition(timezone.localdate()))


class VolunteerFilter(KeywordFilterMixin, ApiFilterSet):
    keyword_fields = ("name", "number")
    keyword = django_filters.CharFilter(label=_("Name or number"), method="filter_keyword")
    community = django_filters.ModelChoiceFilter(label=_("Residence community"), method="filter_community",
                                                 queryset=Area.objects.filter(level=AreaLevel.COMMUNITY))
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all(),
                                                    method="filter_organization")
    political_status = django_filters.ChoiceFilter(label=_("Political status"), choices=PoliticalStatus.choices)
    star_level = IntegerFilter(label=_("Stars at least"), field_name="star_level", lookup_expr="gte")

    class Meta:
        model = Volunteer
        fields = ["keyword", "community", "organization", "political_status", "star_level"]

    def filter_community(self, queryset, name, value):
        return queryset.filter(community__in=Area.objects.subtree(value))

    @extend_schema_field(OpenApiTypes.INT)  # an organization's id
    def filter_organization(self, queryset, name, value):
        return queryset.for_organization(value)


class TeamFilter(KeywordFilterMixin, ApiFilterSet):
    keyword_fields = ("name",)
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Team.Status.choices)

    class Meta:
        model = Team
        fields = ["keyword", "organization", "status"]


class ActivityFilter(KeywordFilterMixin, ApiFilterSet):
    keyword_fields = ("name", "place")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ActivityCategory.choices)
    organizer_kind = django_filters.ChoiceFilter(label=_("Organizer type"), choices=OrganizerKind.choices)
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())
    community = django_filters.ModelChoiceFilter(label=_("Community"),
                                                 queryset=Area.objects.filter(level=AreaLevel.COMMUNITY))
    starts_after = ApiDayRangeFilter(label=_("From"), field_name="starts_at", bound="from")
    starts_before = ApiDayRangeFilter(label=_("To"), field_name="starts_at", bound="to")

    class Meta:
        model = Activity
        fields = ["keyword", "category", "organizer_kind", "organization", "community"]


class ServiceRecordFilter(ApiFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecordStatus.choices)
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all(),
                                                    field_name="activity__organization")
    volunteer_number = django_filters.CharFilter(label=_("Volunteer number"), field_name="volunteer__number")
    activity = IntegerFilter(label=_("Activity ID"), field_name="activity_id")
    date_from = ApiDayRangeFilter(label=_("From"), field_name="started_at", bound="from")
    date_to = ApiDayRangeFilter(label=_("To"), field_name="started_at", bound="to")

    class Meta:
        model = ServiceRecord
        fields = ["status", "organization", "volunteer_number", "activity", "date_from", "date_to"]


class ContractFilter(KeywordFilterMixin, ApiFilterSet):
    keyword_fields = ("number", "project__name", "provider__name")
    keyword = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    provider = django_filters.ModelChoiceFilter(label=_("Provider"), queryset=Organization.objects.all())
    project__status = django_filters.ChoiceFilter(label=_("Project status"), choices=ProjectStatus.choices)
    overdue = django_filters.ChoiceFilter(label=_("Overdue"), method="filter_overdue", choices=[
        ("publication", _("Publication overdue")), ("filing", _("Filing overdue"))])

    class Meta:
        model = Contract
        fields = ["keyword", "provider", "project__status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.publication_overdue(today) if value == "publication" else queryset.filing_overdue(today)


class DisclosureContractFilter(EmptyValueRefused, django_filters.FilterSet):
    """The public disclosure is the same for everybody: only incremental sync."""

    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Contract
        fields = []


class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter's DRF backend, handing the view's scope to the filter set (its dropdowns)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if issubclass(self.get_filterset_class(view, queryset) or object, ScopedFilterSet):
            kwargs["scope"] = view.scope
        return kwargs
