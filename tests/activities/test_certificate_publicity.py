"""公示: a certificate is in publicity for CERTIFICATE_PUBLICITY_DAYS after issue (default 7);
the verification page and the volunteer's page say so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.activities.models import Certificate
from apps.activities.certificates import certificate_revoke
from tests.personas import ANONYMOUS, STREET_STAFF, SUPERUSER
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db


def _issued_days_ago(certificate, days):
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=timezone.now() - datetime.timedelta(days=days))
    certificate.refresh_from_db()
    return certificate


def test_publicity_window_follows_the_setting(world, settings):
    certificate = volunteer_world(world).certificate_a
    issued_on = timezone.localtime(certificate.issued_at).date()
    assert certificate.publicity_ends_on == issued_on + datetime.timedelta(days=7)
    assert certificate.in_publicity(issued_on) and certificate.in_publicity(issued_on + datetime.timedelta(days=7))
    assert not certificate.in_publicity(issued_on + datetime.timedelta(days=8))
    settings.CERTIFICATE_PUBLICITY_DAYS = 3
    assert certificate.publicity_ends_on == issued_on + datetime.timedelta(days=3)


def test_verify_page_shows_publicity_then_its_end(world, client_for):
    certificate = volunteer_world(world).certificate_a
    client = client_for(ANONYMOUS)
    url = reverse("public:verify_code", args=[certificate.verification_code])
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
    response = client_for(ANONYMOUS).get(reverse("public:verify_code", args=[certificate.verification_code]))
    assert 'data-testid="verify-publicity"' not in response.content.decode()
