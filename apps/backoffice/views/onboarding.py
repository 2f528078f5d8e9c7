"""Review of portal sign-ups and change requests, auto-approval settings, and staff
"view as organization" (read-only, audited)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from apps.areas.models import Area
from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.core.scoping import get_visible_or_404
from apps.onboarding import services
from apps.onboarding.conflicts import change_request_conflicts, change_request_rows
from apps.onboarding.models import ApplicationDocument, AutoApproval, ChangeRequest, Decision, SignupApplication
from apps.organizations.models import Organization
from apps.web.view_as import VIEW_AS_SESSION_KEY

from ..filters.onboarding import ChangeRequestFilter, SignupApplicationFilter
from ..forms.onboarding import APPROVE, AutoApprovalForm, ChangeDecisionForm, DecisionForm
from ..tables.onboarding import ChangeRequestTable, SignupApplicationTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin
from .organizations import DecisionRequiredMixin, can_decide


class ApplicationListView(OfficeListView):
    model = SignupApplication
    table_class = SignupApplicationTable
    filterset_class = SignupApplicationFilter
    select_related = ("area",)
    title = gettext_lazy("Sign-up applications")
    export_formats = ()
    template_name = "backoffice/onboarding/list.html"


class ApplicationDetailView(OfficeObjectMixin, DetailView):
    model = SignupApplication
    template_name = "backoffice/onboarding/application_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            documents=self.object.documents.all(),
            match=services.matching_organization(self.object),
            can_decide=can_decide(self.request.user),
            form=kwargs.get("form") or DecisionForm(),
        )
        return context


class ApplicationDecideView(DecisionRequiredMixin, ApplicationDetailView):
    def get(self, request, *args, **kwargs):
        return redirect("office:onboarding_application_detail", pk=self.get_object().pk)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = DecisionForm(request.POST)
        if form.is_valid():
            link = request.build_absolute_uri(reverse("portal:home"))
            try:
                if form.cleaned_data["decision"] == APPROVE:
                    services.application_approve(application=self.object, actor=request.user,
                                                 reason=form.cleaned_data["reason"], link=link)
                else:
                    services.application_reject(application=self.object, actor=request.user,
                                                reason=form.cleaned_data["reason"], link=link)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Decision recorded; the applicant has been notified."))
                return redirect("office:onboarding_application_detail", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ApplicationDocumentView(StaffRequiredMixin, View):
    def get(self, request, pk):
        document = get_visible_or_404(ApplicationDocument.objects, request.user, pk=pk)
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=document, request=request)
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


class ChangeRequestListView(OfficeListView):
    model = ChangeRequest
    table_class = ChangeRequestTable
    filterset_class = ChangeRequestFilter
    select_related = ("organization",)
    title = gettext_lazy("Change requests")
    export_formats = ()
    template_name = "backoffice/onboarding/list.html"


class ChangeRequestDetailView(OfficeObjectMixin, DetailView):
    model = ChangeRequest
    template_name = "backoffice/onboarding/change_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = change_request_rows(self.object)
        conflicts = [row for row in rows if row.conflict] if self.object.status == Decision.PENDING else []
        context.update(can_decide=can_decide(self.request.user), rows=rows, conflicts=conflicts,
                       form=kwargs.get("form") or ChangeDecisionForm(conflicts=conflicts))
        return context


class ChangeRequestDecideView(DecisionRequiredMixin, ChangeRequestDetailView):
    def get(self, request, *args, **kwargs):
        return redirect("office:onboarding_change_detail", pk=self.get_object().pk)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = ChangeDecisionForm(request.POST, conflicts=change_request_conflicts(self.object))
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == APPROVE:
                    services.change_request_approve(change_request=self.object, actor=request.user,
                                                    overwrite=form.overwrite_values())
                else:
                    services.change_request_reject(change_request=self.object, actor=request.user,
                                                   reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error.messages)
                # Offer the choice again against the values there now (they may have changed again).
                self.object.refresh_from_db()
                form.confirm_against(change_request_conflicts(self.object))
            else:
                messages.success(request, _("Decision recorded."))
                return redirect("office:onboarding_change_detail", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(form=form))


class AutoApprovalView(DecisionRequiredMixin, FormView):
    """Per field group, for the organizations in the user's own area."""

    form_class = AutoApprovalForm
    template_name = "backoffice/onboarding/auto_approval.html"

    @cached_property
    def area(self):
        return self.request.user.area or Area.objects.filter(parent__isnull=True).order_by("path").first()

    def get_initial(self):
        return {"groups": list(AutoApproval.objects.filter(area=self.area, enabled=True)
                               .values_list("field_group", flat=True))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(area=self.area, **kwargs)

    def form_valid(self, form):
        services.auto_approval_set(area=self.area, actor=self.request.user, enabled_groups=form.cleaned_data["groups"])
        messages.success(self.request, _("Auto-approval settings saved."))
        return redirect("office:onboarding_auto_approval")


class ViewAsStartView(StaffRequiredMixin, TemplateView):
    """Confirm, then open the organization's portal read-only. One audit event per start."""

    template_name = "backoffice/onboarding/view_as.html"

    @cached_property
    def organization(self):
        return get_visible_or_404(Organization.objects, self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(organization=self.organization, **kwargs)

    def post(self, request, *args, **kwargs):
        organization = self.organization
        audit_event_record(actor=request.user, action=AuditAction.VIEW_AS, obj=organization, request=request)
        request.session[VIEW_AS_SESSION_KEY] = organization.pk
        return redirect("portal:org_home", org=organization.code)


class ViewAsEndView(StaffRequiredMixin, View):
    def get(self, request):
        return redirect("office:home")

    def post(self, request):
        organization_pk = request.session.pop(VIEW_AS_SESSION_KEY, None)
        if organization_pk:
            return redirect("office:organization_detail", pk=organization_pk)
        return redirect("office:home")


