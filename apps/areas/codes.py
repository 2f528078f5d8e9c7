"""统计用区划代码 (DOMAIN §1): the structure of an area's code, checked by ``Area.clean``.

12 digits = 2 province + 2 city + 2 county + 3 township + 3 village; each level fills its own
part under its parent's code and leaves the parts below it zero. The township part names the
kind: 001–099 街道, 100–199 镇, 200–399 乡. The statistics bureau's coding rules also number
development zones, farms and similar township-level units 400–599 (杭州 has 萧山经济技术开发区
330109401000): they are accepted and named as such, never as a 乡. A grid belongs to one
社区/村 and its code is that community's code plus a sequence number.
"""

import re

from django.utils.translation import gettext_lazy as _

from .models import AreaLevel

TWELVE_DIGITS = re.compile(r"\A[0-9]{12}\Z")
#: The grid sequence after the community's 12 digits (``Area.code`` holds at most 16 characters).
GRID_SEQUENCE = re.compile(r"\A[0-9]{1,4}\Z")

#: The parent level each level sits under (the city is the root).
PARENT_LEVEL = {
    AreaLevel.DISTRICT: AreaLevel.CITY,
    AreaLevel.STREET: AreaLevel.DISTRICT,
    AreaLevel.COMMUNITY: AreaLevel.STREET,
    AreaLevel.GRID: AreaLevel.COMMUNITY,
}
#: (start, end) of the digits each level fills, for the levels with a 12-digit code.
OWN_PART = {
    AreaLevel.CITY: (2, 4),
    AreaLevel.DISTRICT: (4, 6),
    AreaLevel.STREET: (6, 9),
    AreaLevel.COMMUNITY: (9, 12),
}
TOWNSHIP_KINDS = [
    (1, 99, _("Street")),
    (100, 199, _("Town")),
    (200, 399, _("Township")),
    (400, 599, _("Township-level unit (development zone, farm …)")),
]


def township_kind(code: str) -> str:
    """The kind the township digits (positions 7–9) of a street-level code name, or ""."""
    part = code[6:9]
    if not part.isdigit():
        return ""
    number = int(part)
    return next((str(label) for low, high, label in TOWNSHIP_KINDS if low <= number <= high), "")


def code_problems(*, code: str, level: str, parent) -> dict:
    """{field: message} of everything wrong with ``code`` at ``level`` under ``parent``."""
    if level == AreaLevel.CITY and parent is not None:
        return {"parent": _("A city is the top of the hierarchy and has no parent area.")}
    expected_parent = PARENT_LEVEL.get(level)
    if expected_parent is not None and (parent is None or parent.level != expected_parent):
        return {"parent": _("A %(level)s belongs to a %(parent)s.")
                % {"level": AreaLevel(level).label, "parent": AreaLevel(expected_parent).label}}
    if level == AreaLevel.GRID:
        return _grid_problems(code, parent)
    if not TWELVE_DIGITS.match(code):
        return {"code": _("A statistical area code has 12 digits.")}
    start, end = OWN_PART[level]
    if parent is not None and code[:start] != parent.code[:start]:
        return {"code": _("The code must start with the parent area's %(digits)s.") % {"digits": parent.code[:start]}}
    if set(code[end:]) != {"0"} and end < 12:
        return {"code": _("The digits after position %(end)d must be zero at this level.") % {"end": end}}
    if set(code[start:end]) == {"0"}:
        return {"code": _("Digits %(first)d–%(last)d number this area and cannot all be zero.")
                % {"first": start + 1, "last": end}}
    if level == AreaLevel.STREET and not township_kind(code):
        return {"code": _("The township digits (7–9) must be 001–099 for a street, 100–199 for a town, "
                          "200–399 for a township (400–599 for a similar unit).")}
    return {}


def _grid_problems(code, community):
    sequence = code[12:]
    if not code.startswith(community.code) or len(community.code) != 12 or not GRID_SEQUENCE.match(sequence) \
            or int(sequence) == 0:
        return {"code": _("A grid code is its community's code (%(community)s) followed by a sequence number, "
                          "e.g. %(example)s.") % {"community": community.code, "example": f"{community.code}001"}}
    return {}
