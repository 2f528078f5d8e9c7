"""What a volunteer row changes in a registered volunteer, as the preview shows it (issue 16.2).

The registered values are compared without decrypting anything (a phone by its keyed hash); only the
phones a chunk changes are read, in one query, to show them masked (``apps.core.masking``). ID
numbers never change (they are the row's key) and are shown masked to name the person.
"""

from apps.core.masking import mask_id_number, mask_phone
from apps.volunteers.models import PoliticalStatus, Volunteer

from .base import Change

#: The fields a volunteer row may change in a registered volunteer.
UPDATABLE = ["name", "phone", "community", "political_status", "skills", "availability", "service_intention"]


def current_value(volunteer, name):
    """A registered volunteer's value of an UPDATABLE field, without loading the clear phone."""
    if name == "phone":
        return volunteer.phone_hash
    if name == "community":
        return volunteer.community_id
    return getattr(volunteer, name)


def new_value(prepared, name):
    if name == "phone":
        return prepared.instance.phone_hash
    if name == "community":
        return prepared.values["community"].pk
    return prepared.values[name]


def changed_fields(prepared) -> list[str]:
    return [name for name in UPDATABLE if current_value(prepared.existing, name) != new_value(prepared, name)]


def describe_changes(prepared_rows):
    """Fill ``subject`` and ``changes`` of rows that update a registered volunteer (their
    ``existing`` loaded with its community, without the clear phone)."""
    by_row = [(prepared, changed_fields(prepared)) for prepared in prepared_rows]
    phones = [prepared.existing.pk for prepared, names in by_row if "phone" in names]
    old_phones = dict(Volunteer.objects.filter(pk__in=phones).values_list("pk", "phone")) if phones else {}
    for prepared, names in by_row:
        prepared.subject = f"{prepared.existing.name} {mask_id_number(prepared.values['id_number'])}"
        prepared.changes = [Change(name, *_shown(prepared, name, old_phones)) for name in names]


def _shown(prepared, name, old_phones):
    existing, values = prepared.existing, prepared.values
    if name == "phone":
        return mask_phone(old_phones.get(existing.pk, "")), mask_phone(values["phone"])
    if name == "community":
        return existing.community.name, values["community"].name
    if name == "political_status":
        return _label(existing.political_status), _label(values["political_status"])
    return str(current_value(existing, name) or ""), str(values[name] or "")


def _label(value):
    return str(PoliticalStatus(value).label) if value in PoliticalStatus.values else (value or "")
