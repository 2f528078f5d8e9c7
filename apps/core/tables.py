"""Two per-cell costs of django-tables2, removed once for every table of the project.

1. django-tables2 inspects the signature of a column's ``render``/``value`` method for every
cell it renders (``django_tables2.utils.call_with_appropriate`` → ``signature``), which is about
a third of a list page's rendering time. A function's signature never changes, so it is
computed once per function, the way Django caches its own (``django.utils.inspect``).

``install()`` (from ``CoreConfig.ready``) replaces ``django_tables2.utils.signature`` with the
cached version; the results are the same tuples (tested against the original).

2. Its ``DateColumn``/``DateTimeColumn`` (used for every date field of a ``Meta.fields`` list)
are template columns that compile ``{{ value|date:"…" }}`` anew for every cell. The columns
below format the value directly, with the same output (tested), and are registered in the
column library after the stock ones, which makes the library choose them for model fields.
"""

import functools
import inspect

import django_tables2 as tables
from django.utils import formats, timezone
from django_tables2 import utils
from django_tables2.columns import library

_original_signature = utils.signature


@functools.lru_cache(maxsize=2048)
def _function_signature(func, is_method: bool):
    args, keywords = _original_signature(func)
    # The original drops ``self`` of a bound method because inspect.signature does; for the
    # plain function behind it, drop the first parameter the same way.
    return (args[1:] if is_method else args), keywords


def cached_signature(fn):
    func = getattr(fn, "__func__", None) if inspect.ismethod(fn) else None
    target, is_method = (func, True) if func is not None else (fn, False)
    try:
        return _function_signature(target, is_method)
    except TypeError:  # an unhashable callable: not cached
        return _original_signature(fn)


class _DirectDateFormatMixin:
    """``render`` gives what the stock column's ``{{ value|date:format|default:default }}``
    template gives (the date filter converts aware datetimes to local time first)."""

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.date_format = format or (self.short_format if short else self.long_format)

    def render(self, value, bound_column, **kwargs):
        # Template columns render empty values too (``empty_values = ()``): the date filter
        # turns them, and anything that is not a date, into "", which ``default`` replaces.
        try:
            text = formats.date_format(timezone.template_localtime(value), self.date_format) if value else ""
        except AttributeError:
            text = ""
        return text or bound_column.default


@library.register
class LocalDateColumn(_DirectDateFormatMixin, tables.DateColumn):
    short_format, long_format = "SHORT_DATE_FORMAT", "DATE_FORMAT"


@library.register  # after LocalDateColumn: a DateTimeField is a DateField too, and is tried first
class LocalDateTimeColumn(_DirectDateFormatMixin, tables.DateTimeColumn):
    short_format, long_format = "SHORT_DATETIME_FORMAT", "DATETIME_FORMAT"


def install():
    utils.signature = cached_signature
