"""The registry's list, detail, create/edit and status pages. Records around an organization
(reports, grades, credit, party building, incubation, files) are in ``organization_records``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, UpdateView, View

from apps.audit.selectors import related_history
from apps.core.scoping import get_visible_or_404
from apps.organizations import selectors, services
from apps.organizations.models import CreditStatus, Organization
from apps.organizations.permissions import can_decide
from apps.procurement import selectors as procurement_selectors
from apps.volunteers.permissions import can_reveal_personal_data

from ..filters.organizations import OrganizationFilter
from ..forms.organizations import OrganizationForm, StatusChangeForm
from ..tables.organizations import OrganizationTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin

#: Contracts on an organization's record (newest first); the rest are in the contract list.
CONTRACTS_SHOWN = 20
TABS = {
    "profile": gettext_lazy("Profile"),
    "reports": gettext_lazy("Annual reports"),
    "grades": gettext_lazy("Evaluation grades"),
    "credit": gettext_lazy("Credit"),
    "party": gettext_lazy("Party building and incubation"),
    "contracts": gettext_lazy("Purchased services"),
    "history": gettext_lazy("History"),
}


class DecisionRequiredMixin(StaffRequiredMixin):
    """After the staff check: community workers may read these records but not write them
    (``apps.organizations.permissions.can_decide``; the status service checks it again)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_office_staff and not can_decide(request.user):
            raise PermissionDenied(_("Only street-office staff record this."))
        return super().dispatch(request, *args, **kwargs)


class OrganizationChildMixin:
    """Pages under /organizations/<pk>/…: the organization comes through the user's scope,
    looked up only after the role checks in ``dispatch`` (so outsiders get 403, strangers 404)."""

    @cached_property
    def organization(self):
        return get_visible_or_404(Organization.objects, self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("back_url", detail_url(self.organization, getattr(self, "tab", "profile")))
        return super().get_context_data(organization=self.organization, **kwargs)


def annotated_organizations(queryset, on_date):
    """Credit status, current grade and overdue report as columns: constant queries per page."""
    overdue = ExpressionWrapper(selectors.overdue_report_condition(on_date), output_field=BooleanField())
    return queryset.with_credit_status().with_current_grade(on_date).annotate(report_overdue=overdue)


def detail_url(organization, tab="profile"):
    return reverse("office:organization_detail", args=[organization.pk]) + f"?tab={tab}"


class OrganizationListView(OfficeListView):
    model = Organization
    table_class = OrganizationTable
    filterset_class = OrganizationFilter
    select_related = ("area",)
    prefetch_related = ("domains",)
    template_name = "backoffice/organizations/list.html"

    def get_queryset(self):
        return annotated_organizations(super().get_queryset(), timezone.localdate())


class OrganizationDetailView(OfficeObjectMixin, DetailView):
    model = Organization
    template_name = "backoffice/organizations/detail.html"

    def get_object(self, queryset=None):
        organization = super().get_object(queryset)
        return annotated_organizations(Organization.objects.filter(pk=organization.pk), timezone.localdate()) \
            .select_related("area__parent").get()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization, today = self.object, timezone.localdate()
        grade = selectors.current_grade(organization, on_date=today)
        annual_reports = list(organization.annual_reports.select_related("attachment"))
        tab = self.request.GET.get("tab")
        context.update(
            tab=tab if tab in TABS else "profile",
            tab_labels=list(TABS.items()),
            credit_label=CreditStatus(organization.credit_status).label,
            today=today,
            can_decide=can_decide(self.request.user),
            next_statuses=services.allowed_next_statuses(organization),
            status_changes=organization.status_changes.select_related("recorded_by"),
            domains=organization.domains.all(),
            attachments=organization.attachments.select_related("uploaded_by"),
            annual_reports=annual_reports,
            late_report_years=selectors.late_report_years(annual_reports, organization.legal_form),
            abnormal_candidacy=selectors.abnormal_list_candidacy(organization, on_date=today),
            grades=organization.grades.select_related("attachment"),
            grade=grade,
            grade_expires_soon=selectors.grade_expires_soon(grade, on_date=today),
            grade_refusals=selectors.grade_eligibility(organization, on_date=today),
            listings=organization.credit_listings.select_related("attachment"),
            penalties=organization.penalties.all(),
            award_refusals=selectors.award_refusals(organization, on_date=today),
            serious_candidacy=selectors.serious_list_candidacy(organization, on_date=today),
            incubations=organization.incubations.all(),
            history=related_history(organization, [
                organization.status_changes.all(), organization.annual_reports.all(), organization.grades.all(),
                organization.credit_listings.all(), organization.penalties.all(), organization.incubations.all(),
                organization.attachments.all(),
            ]),
            can_reveal=can_reveal_personal_data(self.request.user),
            # Contracts, awards and evaluations are part of its credit information (DOMAIN §5).
            contracts=procurement_selectors.organization_contracts(organization, limit=CONTRACTS_SHOWN),
            contracts_total=organization.procurement_contracts.count(),
        )
        if context["serious_candidacy"]:
            context["serious_list_due_on"] = selectors.serious_list_due_on(context["serious_candidacy"])
        if organization.is_registered:
            year = selectors.last_due_report_year(organization.legal_form, today) + 1
            context["next_report"] = (year, selectors.report_due_on(organization.legal_form, year))
        return context


class OrganizationCreateView(StaffRequiredMixin, CreateView):
    model = Organization
    form_class = OrganizationForm
    template_name = "backoffice/organizations/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        fields = {name: data[name] for name in form._meta.fields if name != "domains"}
        try:
            self.object = services.organization_create(
                actor=self.request.user, status=data["initial_status"], status_reason=data["status_reason"],
                domains=data["domains"], **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The organization was registered."))
        return redirect(detail_url(self.object))


class OrganizationUpdateView(OfficeObjectMixin, UpdateView):
    model = Organization
    form_class = OrganizationForm
    template_name = "backoffice/organizations/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The form shows the full contact phone to whoever may reveal it (others edit over the
        # masked value): showing it is a reveal, audited like the profile's "Show".
        if self.object.contact_phone and can_reveal_personal_data(request.user):
            services.organization_contact_reveal(actor=request.user, organization=self.object, request=request,
                                                 shown_in="edit_form")
        return response

    def form_valid(self, form):
        services.organization_update(organization=form.save(commit=False), domains=form.cleaned_data["domains"])
        messages.success(self.request, _("The registered particulars were saved."))
        return redirect(detail_url(self.object))


class OrganizationStatusView(DecisionRequiredMixin, OrganizationChildMixin, FormView):
    form_class = StatusChangeForm
    template_name = "backoffice/organizations/record_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "allowed": services.allowed_next_statuses(self.organization)}

    def get_initial(self):
        return {"changed_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Change status"), **kwargs)

    def form_valid(self, form):
        try:
            services.organization_status_change(organization=self.organization, actor=self.request.user,
                                                **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The status was changed."))
        return redirect(detail_url(self.organization))


class OrganizationContactRevealView(StaffRequiredMixin, OrganizationChildMixin, View):
    """POST only: shows the full contact phone on a page of its own (never cached), audited.
    Staff who may not reveal personal data get 403 before the organization is looked up."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_office_staff \
                and not can_reveal_personal_data(request.user):
            raise PermissionDenied(_("Your role may not reveal personal data."))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        value = services.organization_contact_reveal(actor=request.user, organization=self.organization,
                                                     request=request)
        response = render(request, "backoffice/organizations/reveal.html",
                          {"organization": self.organization, "value": value})
        response["Cache-Control"] = "no-store"
        return response
