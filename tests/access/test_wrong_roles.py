"""The editor persona tells an editor's view from an admin's: give a portal view a required_role one
step off and its access rows fail, for GET and POST, in the editor's column only (the admin and
the viewer answer the same either way, so without the editor nobody would notice)."""

import pytest

from apps.portal.views.activities import ActivityConfirmView
from apps.portal.views.members import MemberListView
from apps.portal.views.teams import TeamMemberAddView
from apps.portal.views.volunteers import VolunteerRegisterView
from tests.access.matrix import all_cases
from tests.personas import ORG_A_EDITOR

WRONG_ROLES = [
    # (view, one of its URL names, the role it should need, a wrong one)
    (VolunteerRegisterView, "portal:work_volunteer_register", "editor", "admin"),
    (TeamMemberAddView, "portal:work_team_member_add", "editor", "admin"),
    (MemberListView, "portal:member_list", "admin", "editor"),
    (ActivityConfirmView, "portal:work_activity_confirm", "admin", "editor"),
]


def _failing_personas(matrix, url_name):
    cases = [case for case in all_cases() if case.url_name == url_name]
    assert cases and all(case.post is not None for case in cases)
    failing = set()
    for case in cases:
        for method in ("get", "post"):
            failing |= set(matrix.check(case, method))
    return failing


@pytest.mark.parametrize(("view", "url_name", "role", "wrong_role"), WRONG_ROLES,
                         ids=[f"{url}:{role}->{wrong}" for _view, url, role, wrong in WRONG_ROLES])
def test_a_role_one_step_off_fails_in_the_editor_column(matrix, db, monkeypatch, view, url_name, role, wrong_role):
    assert view.required_role == role
    assert _failing_personas(matrix, url_name) == set()
    monkeypatch.setattr(view, "required_role", wrong_role)
    assert _failing_personas(matrix, url_name) == {ORG_A_EDITOR}
