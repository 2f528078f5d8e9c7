from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet


class AreaLevel(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    STREET = "street", _("Street / township")
    COMMUNITY = "community", _("Community / village")
    GRID = "grid", _("Grid")


LEVEL_DEPTH = {level: depth for depth, level in enumerate(AreaLevel.values)}


def ancestor_paths(path):
    """The paths of the area at ``path`` and of every area above it, root first."""
    codes = [code for code in path.split("/") if code]
    return ["/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


class AreaQuerySet(ScopedQuerySet):
    """Scoped like every other model (``visible_to``): staff see their area's subtree,
    organization users no areas."""

    organization_lookup = None

    def subtree(self, area):
        """The area and everything below it (served by the ``path`` prefix index)."""
        return self.filter(path__startswith=area.path)

    def in_area(self, area):
        return self.subtree(area)


class Area(models.Model):
    """One node of 市 → 区 → 街道/乡镇 → 社区/村 → 网格.

    ``path`` is the chain of codes from the root ("/330100000000/330106000000/…/") so that
    "everything under this area" is one indexed prefix match.
    """

    code = models.CharField(
        _("statistical code"),
        max_length=16,
        help_text=_("12-digit statistical area code; grids add a sequence number."),
    )
    code_year = models.PositiveSmallIntegerField(_("code version year"), default=2022)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, editable=False)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code", "code_year"], name="area_code_year_unique"),
            models.CheckConstraint(
                condition=models.Q(level="city") | models.Q(parent__isnull=False),
                name="area_only_city_is_root",
            ),
        ]
        indexes = [
            # Scoping: Area.objects.subtree(area) is `path LIKE '/…/%'` on every scoped query.
            models.Index(fields=["path"], name="area_path_prefix", opclasses=["varchar_pattern_ops"]),
            # Filter dropdowns: areas of one level under the user's area.
            models.Index(fields=["level", "path"], name="area_level_path"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "/") + f"{self.code}/"
        super().save(*args, **kwargs)

    def clean(self):
        # The structure of statistical codes (DOMAIN §1), see ``codes``.
        from .codes import code_problems

        if self.level and self.code:
            parent = self.parent if self.parent_id else None
            problems = code_problems(code=self.code, level=self.level, parent=parent)
            if problems:
                raise ValidationError(problems)

    @property
    def township_kind(self):
        """街道 (001–099), 镇 (100–199), 乡 (200–399) or a similar unit (400–599) from the
        code's township digits."""
        from .codes import township_kind

        return township_kind(self.code) if self.level == AreaLevel.STREET else ""

    def is_within(self, other):
        return self.path.startswith(other.path)


auditlog.register(Area)
