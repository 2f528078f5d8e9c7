"""公示 (DOMAIN §4: 申请 → 受理 → 出具 → 公示, about 7 days): a certificate is in publicity for
CERTIFICATE_PUBLICITY_DAYS (local, default 7) after issue. The day is counted once
(``apps.activities.models.certificates.publicity_end``) and frozen into the snapshot at issue, so
the PDF, the public verification page and the staff pages show the same day, whatever the
setting says later."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apps.activities.certificates import certificate_accept, certificate_issue, certificate_request, certificate_revoke
from apps.activities.models import Certificate
from apps.activities.pdf import certificate_pdf
from tests.personas import ANONYMOUS, STREET_STAFF, SUPERUSER
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db


def _issued_days_ago(certificate, days):
    """Move the issue back by ``days``, with the snapshot the issue wrote at that time."""
    issued_at = timezone.now() - datetime.timedelta(days=days)
    issued_on = timezone.localtime(issued_at).date()
    snapshot = {**certificate.snapshot, "issued_on": issued_on.isoformat(),
                "publicity_until": (issued_on + datetime.timedelta(days=7)).isoformat()}
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued_at, snapshot=snapshot)
    certificate.refresh_from_db()
    return certificate


def _issue_again(world):
    """A second certificate for volunteer A's hours, issued now under the current settings."""
    vw, root = volunteer_world(world), world.user(SUPERUSER)
    certificate = certificate_request(actor=root, volunteer=vw.volunteer_a, organization=world.org_a, community=None,
                                      period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31))
    certificate_accept(actor=root, certificate=certificate)
    return certificate_issue(actor=root, certificate=certificate, responsible_person="陈伟", handler="王芳",
                             contact="0571-88888888")


def _pdf_text(certificate):
    reader = PdfReader(io.BytesIO(certificate_pdf(certificate, "https://example.invalid/verify/")))
    return "".join(reader.pages[0].extract_text().replace("\x00", "").split())


def _verify_page(client_for, certificate):
    return client_for(ANONYMOUS).get(reverse("public:verify_code", args=[certificate.verification_code]))


def test_publicity_window_is_seven_days_by_default(world):
    certificate = volunteer_world(world).certificate_a
    issued_on = timezone.localtime(certificate.issued_at).date()
    assert certificate.publicity_ends_on == issued_on + datetime.timedelta(days=7)
    assert certificate.in_publicity(issued_on) and certificate.in_publicity(issued_on + datetime.timedelta(days=7))
    assert not certificate.in_publicity(issued_on + datetime.timedelta(days=8))


def test_pdf_snapshot_and_verify_page_use_the_local_setting(world, client_for, settings):
    """Failed before: the snapshot (and so the PDF) counted a constant 7 days, the verification
    page the setting."""
    settings.CERTIFICATE_PUBLICITY_DAYS = 10
    certificate = _issue_again(world)
    ends = timezone.localtime(certificate.issued_at).date() + datetime.timedelta(days=10)
    assert certificate.snapshot["publicity_until"] == ends.isoformat()
    assert certificate.publicity_ends_on == ends
    assert f"公示期至：{ends:%Y-%m-%d}" in _pdf_text(certificate)
    response = _verify_page(client_for, certificate)
    assert response.context["summary"]["publicity_ends_on"] == ends
    assert f"{ends:%Y-%m-%d}" in response.content.decode()


def test_a_later_change_of_the_setting_leaves_an_issued_certificate_alone(world, client_for, settings):
    """Failed before: the verification page recounted from the setting and contradicted the
    day printed on the PDF."""
    certificate = volunteer_world(world).certificate_a
    printed = timezone.localtime(certificate.issued_at).date() + datetime.timedelta(days=7)
    settings.CERTIFICATE_PUBLICITY_DAYS = 3
    certificate.refresh_from_db()
    assert certificate.publicity_ends_on == printed
    assert f"公示期至：{printed:%Y-%m-%d}" in _pdf_text(certificate)
    assert _verify_page(client_for, certificate).context["summary"]["publicity_ends_on"] == printed


def test_verify_page_shows_publicity_then_its_end(world, client_for):
    certificate = volunteer_world(world).certificate_a
    url = reverse("public:verify_code", args=[certificate.verification_code])
    client = client_for(ANONYMOUS)
    content = client.get(url).content.decode()
    ends = certificate.publicity_ends_on.strftime("%Y-%m-%d")
    assert 'data-testid="verify-publicity"' in content and ends in content
    staff_page = client_for(STREET_STAFF).get(reverse("office:volunteer_detail", args=[certificate.volunteer_id]))
    assert 'data-testid="certificate-publicity"' in staff_page.content.decode()

    _issued_days_ago(certificate, 10)
    later = client.get(url)
    ended = certificate.publicity_ends_on.strftime("%Y-%m-%d")
    assert later.context["summary"]["in_publicity"] is False and ended in later.content.decode()
    staff_page = client_for(STREET_STAFF).get(reverse("office:volunteer_detail", args=[certificate.volunteer_id]))
    assert 'data-testid="certificate-publicity"' not in staff_page.content.decode()


def test_revoked_certificate_is_not_in_publicity(world, client_for):
    certificate = volunteer_world(world).certificate_a
    certificate_revoke(actor=world.user(SUPERUSER), certificate=certificate, reason="记录有误")
    certificate.refresh_from_db()
    assert not certificate.in_publicity()
    response = _verify_page(client_for, certificate)
    assert 'data-testid="verify-publicity"' not in response.content.decode()
