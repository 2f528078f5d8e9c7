"""Creating objects logs their own columns only: no reverse relation shows up as
"contracts: None → procurement.Contract.None" (auditlog diffs new objects over get_fields())."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from apps.procurement.models import Contract, Project
from tests.procurement import factories
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db
OWN_APPS = ["organizations", "volunteers", "activities", "procurement"]
RELATED_MANAGER_REPR = re.compile(r"^\w+\.\w+\.None$")


def test_created_objects_log_no_reverse_relations(world):
    contract = factories.performing_contract(world)
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    activity = make_activity(world.org_a)
    activity.contract = contract
    activity.save()
    assert volunteer.pk

    [project_created] = LogEntry.objects.get_for_object(contract.project).filter(action=LogEntry.Action.CREATE)
    assert "contracts" not in project_created.changes_dict
    assert project_created.changes_dict["name"] == ["None", contract.project.name]
    [contract_created] = LogEntry.objects.get_for_object(contract).filter(action=LogEntry.Action.CREATE)
    assert not {"activities", "targets", "payments", "evaluations"} & set(contract_created.changes_dict)
    assert contract_created.changes_dict["number"][1] == contract.number

    own = ContentType.objects.filter(app_label__in=OWN_APPS)
    entries = LogEntry.objects.filter(content_type__in=own)
    assert entries.count() > 5
    noisy = [(entry.content_type.model, name) for entry in entries for name, values in entry.changes_dict.items()
             if any(RELATED_MANAGER_REPR.match(str(value)) for value in values)]
    assert noisy == []
    assert Project.objects.count() == Contract.objects.count() == 1
