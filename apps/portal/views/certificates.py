"""Certificates (志愿服务记录证明) the organization issues for its own volunteers:
request → accept → issue → revoke (admin steps), and the PDF download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, View

from apps.activities import certificates
from apps.activities.models import Certificate
from apps.activities.pdf import certificate_pdf
from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.backoffice.forms.records import CertificateIssueForm, CertificateRevokeForm

from ..filters.work import PortalCertificateFilter
from ..forms.certificates import PortalCertificateRequestForm
from ..tables.certificates import PortalCertificateTable
from .base import PortalViewMixin
from .lists import PortalListView, form_errors


def certificate_for(request, pk):
    return get_object_or_404(Certificate.objects.for_organization(request.organization).select_related("volunteer"),
                             pk=pk)


class CertificateListView(PortalListView):
    model = Certificate
    table_class = PortalCertificateTable
    filterset_class = PortalCertificateFilter
    select_related = ("volunteer", "organization")
    template_name = "portal/work/certificate_list.html"


class CertificateRequestView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = PortalCertificateRequestForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("Request a certificate")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.organization}

    def form_valid(self, form):
        certificate = certificates.certificate_request(
            actor=self.request.user, organization=self.request.organization, community=None, **form.cleaned_data)
        messages.success(self.request, _("Certificate requested."))
        return redirect("portal:work_certificate_detail", org=self.request.organization.code, pk=certificate.pk)


class CertificateDetailView(PortalViewMixin, DetailView):
    template_name = "portal/work/certificate_detail.html"
    context_object_name = "certificate"

    def get_object(self, queryset=None):
        return certificate_for(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        organization = self.request.organization
        return super().get_context_data(
            issue_form=CertificateIssueForm(initial={"responsible_person": organization.representative,
                                                     "handler": organization.contact_name}),
            revoke_form=CertificateRevokeForm(), can_manage=self.request.membership.has_role("admin"), **kwargs)


class CertificateStepView(PortalViewMixin, View):
    """accept / issue / revoke: admin steps, the certificate through the organization."""

    required_role = "admin"
    http_method_names = ["post"]
    step = ""

    def post(self, request, *args, **kwargs):
        certificate = certificate_for(request, kwargs["pk"])
        try:
            if self.step == "accept":
                certificates.certificate_accept(actor=request.user, certificate=certificate)
            else:
                form_class = CertificateIssueForm if self.step == "issue" else CertificateRevokeForm
                form = form_class(request.POST)
                if not form.is_valid():
                    raise ValidationError(form_errors(form))
                step = certificates.certificate_issue if self.step == "issue" else certificates.certificate_revoke
                step(actor=request.user, certificate=certificate, request=request, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Certificate updated."))
        return redirect("portal:work_certificate_detail", org=request.organization.code, pk=certificate.pk)


class CertificatePdfView(PortalViewMixin, View):
    def get(self, request, *args, **kwargs):
        certificate = certificate_for(request, kwargs["pk"])
        if not certificate.number:
            messages.error(request, _("The certificate has not been issued yet."))
            return redirect("portal:work_certificate_detail", org=request.organization.code, pk=certificate.pk)
        verify_url = request.build_absolute_uri(reverse("public:verify_code", args=[certificate.verification_code]))
        response = HttpResponse(certificate_pdf(certificate, verify_url), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=certificate, request=request)
        return response
