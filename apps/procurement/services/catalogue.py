from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import CatalogueItem
from ..permissions import can_edit_general_catalogue, can_manage_area


@transaction.atomic
def catalogue_item_save(*, actor, item: CatalogueItem) -> CatalogueItem:
    """Create or change a catalogue item. The general catalogue (no area) is the city's and
    superusers'; a street office edits the items it published."""
    if item.area_id is None:
        if not can_edit_general_catalogue(actor):
            raise PermissionDenied(_("Only city staff may change the general catalogue."))
    elif not can_manage_area(actor, item.area):
        raise PermissionDenied(_("Only staff of the publishing area may change its catalogue."))
    if item.parent_id is not None:
        if item.pk is not None and (item.parent_id == item.pk or item in item.parent.ancestors()):
            raise ValidationError({"parent": _("An item cannot be placed under itself.")})
        if not item.code.startswith(item.parent.code + "."):
            raise ValidationError({"code": _("The code must start with the parent's code and a dot, e.g. %(code)s.01.")
                                   % {"code": item.parent.code}})
    if not item.on_negative_list:
        item.negative_reason = ""
    item.full_clean()
    item.save()
    return item
