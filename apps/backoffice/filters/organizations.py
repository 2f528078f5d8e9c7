import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.organizations.models import CreditStatus, Grade, LegalForm, Organization, OrgStatus, ServiceDomain

from .base import KeywordFilterMixin, ScopedFilterSet

NO_GRADE = "none"


class OrganizationFilter(KeywordFilterMixin, ScopedFilterSet):
    """Filters of the registry list. ``credit_status``, ``current_grade`` and ``report_overdue``
    are annotations that the list view puts on its queryset."""

    keyword_fields = ("name", "credit_code", "filing_number")
    unscoped = ("domain",)  # the editable list of service domains is the same for everybody
    keyword = django_filters.CharFilter(label=_("Name or code"), method="filter_keyword")
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), queryset=Area.objects.filter(level__in=[AreaLevel.STREET, AreaLevel.COMMUNITY]),
        method="filter_area",
    )
    legal_form = django_filters.ChoiceFilter(label=_("Legal form"), choices=LegalForm.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrgStatus.choices)
    domain = django_filters.ModelChoiceFilter(label=_("Service domain"), field_name="domains",
                                              queryset=ServiceDomain.objects.all())
    credit_status = django_filters.ChoiceFilter(label=_("Credit status"), choices=CreditStatus.choices)
    grade = django_filters.ChoiceFilter(label=_("Grade"), method="filter_grade",
                                        choices=[*Grade.choices, (NO_GRADE, _("No valid grade"))])
    report_overdue = django_filters.ChoiceFilter(label=_("Annual report overdue"), method="filter_overdue",
                                                 choices=[("yes", _("Yes")), ("no", _("No"))])
    # Dashboard alerts (apps.reports) link here.
    grade_expiring = django_filters.ChoiceFilter(label=_("Grade expires within 6 months"),
                                                 method="filter_grade_expiring", choices=[("yes", _("Yes"))])
    listed_recently = django_filters.ChoiceFilter(label=_("Put on a credit list in the last 30 days"),
                                                  method="filter_listed_recently", choices=[("yes", _("Yes"))])

    report_late = django_filters.ChoiceFilter(label=_("Annual report filed late"), method="filter_report_late",
                                              choices=[("yes", _("Yes"))])
    serious_candidate = django_filters.ChoiceFilter(
        label=_("Two years on the abnormal list"), method="filter_serious_candidate", choices=[("yes", _("Yes"))])

    class Meta:
        model = Organization
        fields = ["keyword", "area", "legal_form", "status", "domain", "credit_status", "grade", "report_overdue",
                  "grade_expiring", "listed_recently", "report_late", "serious_candidate"]

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value) if value else queryset

    def filter_grade(self, queryset, name, value):
        if value == NO_GRADE:
            return queryset.filter(current_grade__isnull=True)
        return queryset.filter(current_grade=int(value)) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(report_overdue=value == "yes") if value else queryset

    def filter_grade_expiring(self, queryset, name, value):
        from apps.reports.selectors import grades_expiring_condition

        return queryset.filter(grades_expiring_condition(timezone.localdate())) if value else queryset

    def filter_listed_recently(self, queryset, name, value):
        from apps.reports.selectors import recently_listed_organizations

        return queryset.filter(pk__in=recently_listed_organizations(timezone.localdate())) if value else queryset

    def filter_serious_candidate(self, queryset, name, value):
        from apps.organizations.selectors import serious_list_candidate_condition

        return queryset.filter(serious_list_candidate_condition(timezone.localdate())) if value else queryset

    def filter_report_late(self, queryset, name, value):
        from apps.organizations.selectors import late_report_condition

        return queryset.filter(late_report_condition(timezone.localdate())) if value else queryset
