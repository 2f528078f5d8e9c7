"""The read-only ServiceRecord admin (the benchmark's comparison for the records list)."""

from django.urls import reverse
from django.utils import timezone

from tests.personas import SUPERUSER
from tests.portal_work.world import portal_world


def test_records_of_one_organization_and_month_and_nothing_can_be_changed(world, client_for):
    work = portal_world(world)
    record_a, record_b = work["a"].record, work["b"].record
    client = client_for(SUPERUSER)
    month = timezone.localtime(record_a.started_at).date()
    url = reverse("admin:activities_servicerecord_changelist")
    for query in ({"organization": world.org_a.pk},
                  {"organization": world.org_a.pk, "started_at__year": month.year, "started_at__month": month.month}):
        page = client.get(url, query).content.decode()
        assert f"/{record_a.pk}/change/" in page and f"/{record_b.pk}/change/" not in page, query
    everything = client.get(url).content.decode()
    assert f"/{record_b.pk}/change/" in everything  # the filter is what left B's record out
    assert client.post(reverse("admin:activities_servicerecord_change", args=[record_a.pk]), {}).status_code == 403
    assert client.get(reverse("admin:activities_servicerecord_add")).status_code == 403
