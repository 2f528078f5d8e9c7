"""Change requests that meet a newer value (issue 15.7).

A change request stores, per field, the value it was made against ("old") and the value asked
for ("new"). When the registry's value is now neither (staff edited the field after the request
was made), approving the request would overwrite the newer value unseen: that is a conflict. The
reviewer sees both values and must confirm replacing exactly the values shown
(``services.change_request_approve(overwrite=...)``); the replaced value is kept on the request as
"overwritten".
"""

from dataclasses import dataclass

from apps.organizations.models import Organization


def field_text(value) -> str:
    """A registered field's value as a change request stores it."""
    return "" if value is None else str(value)


@dataclass(frozen=True)
class ReviewRow:
    field: str
    label: str
    old: str
    new: str
    current: str
    overwritten: str | None = None

    @property
    def conflict(self) -> bool:
        """Changed since the request was made, and not to the requested value."""
        return self.current not in (self.old, self.new)


def change_request_rows(change_request, organization=None) -> list[ReviewRow]:
    """The before / now / after rows of a request, against ``organization`` as it is now."""
    organization = organization or change_request.organization
    return [
        ReviewRow(name, Organization._meta.get_field(name).verbose_name, values["old"], values["new"],
                  field_text(getattr(organization, name)), values.get("overwritten"))
        for name, values in change_request.changes.items()
    ]


def change_request_conflicts(change_request, organization=None) -> list[ReviewRow]:
    return [row for row in change_request_rows(change_request, organization) if row.conflict]
