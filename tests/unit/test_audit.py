from auditlog.models import LogEntry

from apps.audit.models import AuditAction, AuditEvent
from apps.audit.selectors import object_history
from apps.audit.services import audit_batch_record
from apps.organizations.models import Organization
from tests.personas import CITY_STAFF, STREET_STAFF, SUPERUSER


def test_create_and_update_record_who_when_and_which_fields(world, client_for):
    from auditlog.context import set_actor

    with set_actor(world.user(STREET_STAFF)):
        world.org_a.name = "宝石邻里互助协会"
        world.org_a.save()
    entry = LogEntry.objects.get_for_object(world.org_a).first()
    assert entry.actor == world.user(STREET_STAFF)
    assert entry.changes_dict["name"] == ["宝石邻里互助会", "宝石邻里互助协会"]
    assert entry.action == LogEntry.Action.UPDATE
    assert LogEntry.objects.get_for_object(world.org_a).filter(action=LogEntry.Action.CREATE).exists()


def test_actor_comes_from_the_request(world, client_for):
    # AuditlogMiddleware sets the actor for changes made while serving a request.
    client = client_for(SUPERUSER)
    response = client.post(f"/admin/areas/area/{world.grid_a1.pk}/change/", {
        "code": world.grid_a1.code, "code_year": 2022, "name": "宝石社区一号网格", "level": "grid",
        "parent": world.community_a1.pk,
    })
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(world.grid_a1).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.user(SUPERUSER)
    assert entry.changes_dict["name"] == ["宝石社区第1网格", "宝石社区一号网格"]


def test_password_is_never_in_the_audit_trail(world):
    user = world.user(CITY_STAFF)
    user.set_password("Another-pass-9876")
    user.full_name = "改名"
    user.save()
    entry = LogEntry.objects.get_for_object(user).filter(action=LogEntry.Action.UPDATE).get()
    assert "password" not in entry.changes_dict and "full_name" in entry.changes_dict


def test_bulk_operation_records_one_batch_entry(world):
    count = Organization.objects.filter(area__in=[world.community_a1, world.community_a2]).update(name="x")
    audit_batch_record(actor=world.user(STREET_STAFF), model=Organization, row_count=count, detail={"field": "name"})
    event = AuditEvent.objects.get()
    assert (event.action, event.row_count, event.actor) == (AuditAction.BATCH, 2, world.user(STREET_STAFF))


def test_export_is_audited(world, client_for):
    response = client_for(STREET_STAFF).get("/office/organizations/?_export=csv")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.row_count == 2 and event.actor == world.user(STREET_STAFF)


def test_detail_page_shows_history(world, client_for):
    from auditlog.context import set_actor

    with set_actor(world.user(STREET_STAFF)):
        world.org_a.name = "新名称互助会"
        world.org_a.save()
    assert object_history(world.org_a)[0].changes
    page = client_for(STREET_STAFF).get(f"/office/organizations/{world.org_a.pk}/").content.decode()
    assert "新名称互助会" in page and "street" in page
