"""The certificate steps both audiences take (accept → issue, revoke) and the PDF download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from apps.activities import certificates
from apps.activities.models import Certificate
from apps.activities.pdf import certificate_pdf
from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record

from ..errors import form_errors
from ..forms.records import CertificateIssueForm, CertificateRevokeForm
from .base import ScopedViewMixin


class CertificateMixin(ScopedViewMixin):
    def get_certificate(self):
        return self.scope.get_or_404(Certificate.objects.select_related("volunteer"), pk=self.kwargs["pk"])

    def certificate_page(self, certificate):
        """Where this audience shows the certificate (and its steps)."""
        raise NotImplementedError


class CertificateStepView(CertificateMixin, View):
    """accept / issue / revoke: one POST endpoint per step (``as_view(step=...)``)."""

    http_method_names = ["post"]
    step = ""

    def post(self, request, *args, **kwargs):
        certificate = self.get_certificate()
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
        return redirect(self.certificate_page(certificate))


class CertificatePdfView(CertificateMixin, View):
    def get(self, request, *args, **kwargs):
        certificate = self.get_certificate()
        if not certificate.number:
            messages.error(request, _("The certificate has not been issued yet."))
            return redirect(self.certificate_page(certificate))
        verify_url = request.build_absolute_uri(reverse("public:verify_code", args=[certificate.verification_code]))
        response = HttpResponse(certificate_pdf(certificate, verify_url), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=certificate, request=request)
        return response
