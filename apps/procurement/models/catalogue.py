from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet


class CatalogueItemQuerySet(ScopedQuerySet):
    area_lookup = "area"
    organization_lookup = None

    def visible_to_staff(self, user):
        """Staff see the general catalogue, the catalogues of the areas above them and of
        their own subtree (a street office's own catalogue is read by its communities)."""
        above = [code for code in user.area.path.strip("/").split("/") if code]
        return self.filter(
            Q(area__isnull=True) | Q(area__code__in=above) | Q(area__path__startswith=user.area.path)
        )

    def purchasable(self):
        return self.filter(on_negative_list=False, is_active=True)


class CatalogueItem(models.Model):
    """One node of the guiding catalogue (指导性目录) of purchasable services.

    The six top-level classes are general (no area); a street office may add its own items
    under them. An item on the negative list (and everything under it) cannot be purchased.
    """

    parent = models.ForeignKey(
        "self", verbose_name=_("parent item"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    code = models.CharField(_("code"), max_length=20, unique=True, error_messages={
        "unique": _("Another catalogue item already has this code.")})
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("published by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Empty for the general catalogue."),
    )
    description = models.TextField(_("description"), blank=True)
    on_negative_list = models.BooleanField(
        _("on the negative list"), default=False,
        help_text=_("Not a government duty to buy: goods, works, hiring or labour dispatch, and similar."),
    )
    negative_reason = models.CharField(_("negative-list reason"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = CatalogueItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("guiding catalogue")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(on_negative_list=False) | ~Q(negative_reason=""),
                name="catalogue_negative_needs_reason",
                violation_error_message=_("An item on the negative list needs the reason."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def ancestors(self):
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    @property
    def depth(self):
        return self.code.count(".")

    def blocked_by(self):
        """The item (this one or an ancestor) whose negative-list flag blocks purchase, or None."""
        for node in [self, *self.ancestors()]:
            if node.on_negative_list:
                return node
        return None
