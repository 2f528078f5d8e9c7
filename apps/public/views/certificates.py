"""Public verification of a certificate: anyone with the code (or the QR code) sees whether it
is genuine, with the masked summary only."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from apps.activities.models import Certificate, CertificateStatus
from apps.core.masking import mask_name

from ..forms import VerifyForm


@login_not_required
def verify(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("public:verify_code", code=form.cleaned_data["code"])
    return render(request, "public/verify.html", {"form": form})


@login_not_required
@never_cache  # a (masked) person's name, document and hours: not for shared caches
def verify_code(request, code):
    certificate = (Certificate.objects.filter(verification_code=code.upper(),
                                              status__in=[CertificateStatus.ISSUED, CertificateStatus.REVOKED])
                   .first())
    summary = None
    if certificate is not None:
        data = certificate.snapshot
        summary = {
            "number": certificate.number, "name": mask_name(data["volunteer_name"]),
            "document_type": data["document_type"], "id_number": data["id_number_public"],
            "hours": data["total_hours"], "issuer": data["issuer"], "issued_on": data["issued_on"],
            "period_start": certificate.period_start, "period_end": certificate.period_end,
            "revoked": certificate.status == CertificateStatus.REVOKED, "revoke_reason": certificate.revoke_reason,
            "in_publicity": certificate.in_publicity(), "publicity_ends_on": certificate.publicity_ends_on,
        }
    response = render(request, "public/verify.html", {"form": VerifyForm(initial={"code": code}),
                                                       "summary": summary, "searched": True},
                      status=200 if summary else 404)
    return response
