"""Certificates (志愿服务记录证明) the organization issues for its own volunteers:
request → accept → issue → revoke (admin steps, shared with the back office:
``apps.web.views.certificates``), and the PDF download."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView

from apps.activities import certificates
from apps.activities.models import Certificate
from apps.web.forms.records import CertificateIssueForm, CertificateRequestForm, CertificateRevokeForm
from apps.web.views import certificates as shared

from ..filters.work import PortalCertificateFilter
from ..tables.certificates import PortalCertificateTable
from .base import PortalViewMixin
from .lists import PortalListView


class CertificateListView(PortalListView):
    model = Certificate
    table_class = PortalCertificateTable
    filterset_class = PortalCertificateFilter
    select_related = ("volunteer", "organization")
    template_name = "portal/work/certificate_list.html"


class CertificateRequestView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = CertificateRequestForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("Request a certificate")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        certificate = certificates.certificate_request(
            actor=self.request.user, organization=self.request.organization, community=None, **form.cleaned_data)
        messages.success(self.request, _("Certificate requested."))
        return redirect("portal:work_certificate_detail", org=self.request.organization.code, pk=certificate.pk)


class PortalCertificateMixin(PortalViewMixin):
    def certificate_page(self, certificate):
        return self.scope.url("work_certificate_detail", pk=certificate.pk)


class CertificateDetailView(PortalCertificateMixin, DetailView):
    template_name = "portal/work/certificate_detail.html"
    context_object_name = "certificate"

    def get_object(self, queryset=None):
        return self.scope.get_or_404(Certificate.objects.select_related("volunteer"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        organization = self.request.organization
        return super().get_context_data(
            issue_form=CertificateIssueForm(initial={"responsible_person": organization.representative,
                                                     "handler": organization.contact_name}),
            revoke_form=CertificateRevokeForm(), can_manage=self.scope.allows("admin"), **kwargs)


class CertificateStepView(PortalCertificateMixin, shared.CertificateStepView):
    required_role = "admin"


class CertificatePdfView(PortalCertificateMixin, shared.CertificatePdfView):
    pass
