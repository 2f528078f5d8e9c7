"""What every importer shares: column specs, row errors, look-ups limited to the job's area.

An importer turns one raw row into a prepared, validated change (``prepare``) without
writing, and writes a prepared change (``write``). Validation uses the domain's own
validators, model ``full_clean`` and services; the importer only maps cells to fields.

The workflow hands rows over in chunks of ``chunk_rows``: ``prepare_many`` and ``write_many``
may look a whole chunk up and write it in a few queries (the volunteer importer does); the
defaults run ``prepare`` and ``write`` row by row. ``write`` stays the one-row reference path:
when a chunk's write fails, the workflow writes the chunk again row by row to name the row.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.areas.models import Area, AreaLevel
from apps.volunteers.id_numbers import synthetic_resident_id

from ..normalise import compact, parse_date, parse_decimal, text
from ..reading import FileFormatError


@dataclass(frozen=True)
class Column:
    key: str
    #: The Chinese header of the template. It is the file format (clerks' spreadsheets are in
    #: Chinese whatever the UI language), so it is a constant, not a translated string.
    header: str
    required: bool = False
    expected: Promise | str = ""
    example: str = ""
    aliases: tuple = ()
    #: The TextChoices a coded column takes (by label or value): the template offers their Chinese
    #: labels in a dropdown.
    choices: type | None = None


@dataclass
class CellError:
    column: str  # column key ("" for the whole row)
    message: str
    expected: str = ""


class RowInvalid(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Prepared:
    """A validated row: the natural key, the object to update (or None) and the values."""

    key: tuple
    existing: object
    values: dict
    warnings: list = field(default_factory=list)
    unchanged: bool = False
    #: A validated, unsaved model instance that ``write_many`` may insert as it is.
    instance: object = None
    #: For a registered record the row changes: what the preview names it by, and each changed
    #: column as shown (personal values masked).
    subject: str = ""
    changes: list = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    """One column a row changes in a registered record, as the preview shows it (masked)."""

    column: str  # column key
    old: str
    new: str


class FileRefused(FileFormatError):
    """The file as a whole is refused while its rows are checked (e.g. the uploader's hourly budget
    of look-ups is spent): nothing more is checked, and no row's result is shown."""


class Row:
    """One raw row and the errors found in it; the parse helpers record errors, not raise."""

    def __init__(self, importer, raw):
        self.importer, self.raw, self.errors = importer, raw, []

    def error(self, column, message, expected=""):
        self.errors.append(CellError(column, str(message), str(expected)))

    def _expected(self, key):
        return self.importer.column(key).expected

    def text(self, key, *, required=False, max_length=None):
        value = text(self.raw.get(key))
        if required and not value:
            self.error(key, _("This cell is empty."), self._expected(key) or _("a value"))
        elif max_length and len(value) > max_length:
            self.error(key, _("Too long: %(count)d characters.") % {"count": len(value)},
                       _("at most %(max)d characters") % {"max": max_length})
        return value

    def code(self, key, *, required=False):
        value = compact(self.raw.get(key))
        if required and not value:
            self.error(key, _("This cell is empty."), self._expected(key))
        return value

    def date(self, key, *, required=False):
        try:
            value = parse_date(self.raw.get(key))
        except (ValueError, OverflowError):
            self.error(key, _("“%(value)s” is not a date.") % {"value": text(self.raw.get(key))},
                       _("a date such as 2024-03-05, 2024/3/5, 2024年3月5日 or 20240305"))
            return None
        if required and value is None:
            self.error(key, _("This cell is empty."), _("a date such as 2024-03-05"))
        return value

    def decimal(self, key, *, required=False, places=2):
        try:
            value = parse_decimal(self.raw.get(key), places=places)
        except ValueError:
            self.error(key, _("“%(value)s” is not a number.") % {"value": text(self.raw.get(key))},
                       self._expected(key) or _("a number"))
            return None
        if required and value is None:
            self.error(key, _("This cell is empty."), self._expected(key) or _("a number"))
        return value

    def choice(self, key, choices, *, default=None):
        """A TextChoices value named by its Chinese or English label, or its stored value."""
        value = text(self.raw.get(key))
        if not value:
            return default
        found = self.importer.choice_lookup(choices).get(value.replace(" ", "").lower())
        if found is None:
            labels = "、".join(str(label) for label in choices.labels)
            self.error(key, _("“%(value)s” is not one of the allowed values.") % {"value": value},
                       _("one of: %(labels)s") % {"labels": labels})
        return found

    def validation_error(self, error: ValidationError, field_columns):
        """A model's or service's ValidationError, each message under the column of its field
        (columns that already have an error from parsing are not reported twice)."""
        if hasattr(error, "error_dict"):
            flagged = {e.column for e in self.errors}
            for name, messages in error.message_dict.items():
                column = field_columns.get(name, "")
                if column and column in flagged:
                    continue
                expected = self._expected(column) if column else ""
                for message in messages:
                    self.error(column, message, expected)
        else:
            for message in error.messages:
                self.error("", message)

    def check(self):
        if self.errors:
            raise RowInvalid(self.errors)


class Importer:
    kind = ""
    model = None
    columns: list[Column] = []
    #: model field name → column key, to place a model ValidationError on the right column.
    field_columns: dict = {}
    #: Rows per ``prepare_many`` / ``write_many`` call. 1: every row is written before the next
    #: one is prepared (what importers whose checks read earlier rows' writes need).
    chunk_rows = 1

    def __init__(self, *, actor, area, organization=None, filename="", cause=None):
        """``area``: a back-office job's area (None: the whole deployment); ``organization``: a portal
        job's organization, whose own volunteers and activities the rows may name. ``cause``: what the
        history entries written in bulk name as their cause (``LogEntry.additional_data``)."""
        self.actor, self.area, self.organization, self.filename = actor, area, organization, filename
        self.cause = cause or {}
        self._areas, self._choices = {}, {}
        # Places a row may name: the job's area, or for an organization the communities its portal
        # forms offer (its district: volunteers often live outside its own community).
        self.places = area if organization is None else district_or_above(organization.area)

    @classmethod
    def column(cls, key) -> Column:
        return next(c for c in cls.columns if c.key == key)

    @classmethod
    def header(cls, key) -> str:
        return cls.column(key).header if key else ""

    def choice_lookup(self, choices):
        if choices not in self._choices:
            from django.utils import translation

            lookup = {}
            for value, label in choices.choices:
                lookup[value.lower()] = value
                for language in ("zh-hans", "en"):
                    with translation.override(language):
                        lookup[text(str(label)).replace(" ", "").lower()] = value
            self._choices[choices] = lookup
        return self._choices[choices]

    def find_area(self, row, key, levels, *, required=True):
        """An area (by 12-digit code or name) of one of ``levels``, within the job's area."""
        value = text(row.raw.get(key))
        if not value:
            if required:
                row.error(key, _("This cell is empty."), self.column(key).expected)
            return None
        cache_key = (value, tuple(levels))
        if cache_key not in self._areas:
            lookup = {"code": value} if value.isdigit() else {"name": value}
            self._areas[cache_key] = list(Area.objects.filter(level__in=levels, **lookup)[:10])
        candidates = self._areas[cache_key]
        inside = [a for a in candidates if self.places is None or a.path.startswith(self.places.path)]
        if not candidates:
            row.error(key, _("There is no area called “%(value)s”.") % {"value": value},
                      self.column(key).expected)
        elif not inside:
            row.error(key, _("“%(value)s” is outside your area (%(area)s).") % {"value": value, "area": self.places},
                      _("an area within %(area)s") % {"area": self.places})
        elif len(inside) > 1:
            row.error(key, _("Several areas are called “%(value)s”.") % {"value": value},
                      _("the 12-digit statistical code instead of the name"))
        else:
            return inside[0]
        return None

    def prepare(self, raw) -> Prepared:
        raise NotImplementedError

    def prepare_many(self, raws) -> list:
        """A ``Prepared`` or a ``RowInvalid`` for each raw row of a chunk, in order."""
        results = []
        for raw in raws:
            try:
                results.append(self.prepare(raw))
            except RowInvalid as invalid:
                results.append(invalid)
        return results

    def write(self, prepared: Prepared):
        raise NotImplementedError

    def write_many(self, prepared: list[Prepared]):
        """Write a chunk of prepared rows; raise ValidationError or DatabaseError to reject it."""
        for item in prepared:
            self.write(item)


def district_or_above(area):
    """The district (or the nearest level above it) of ``area``: where the portal's forms let an
    organization name communities (``apps.web.scope.PortalScope.communities``)."""
    while area.parent_id is not None and area.level not in (AreaLevel.DISTRICT, AreaLevel.CITY):
        area = area.parent
    return area


#: The example ID number of the templates: well-formed, with its own check character (GB 11643).
EXAMPLE_ID_NUMBER = synthetic_resident_id("330106", datetime.date(1990, 1, 1), 123)

COMMUNITY_LEVELS = [AreaLevel.COMMUNITY]
ORGANIZATION_AREA_LEVELS = [AreaLevel.STREET, AreaLevel.COMMUNITY]
EXPECT_COMMUNITY = gettext_lazy("the community's name or 12-digit code, within your area")
