"""``__in`` on integer columns that ignores values no such column can hold.

Django already answers ``pk=99999999999999999999`` (exact, lt, gt, …) with "no rows" instead of
passing the number to the database (``IntegerFieldOverflow``), but not ``__in``: SQLite then raises
``OverflowError`` ("Python int too large to convert to SQLite INTEGER"). Every multiple choice of
model rows (``ModelMultipleChoiceField``: the record entry's volunteers, an organization's service
domains, the admin's groups …) looks its values up with ``pk__in``, so a form posted with
``volunteers=99999999999999999999`` answered 500 instead of "select a valid choice"."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            # Dropping an impossible value changes nothing: no row holds it. With none left,
            # In.process_rhs answers "no rows" (EmptyResultSet) as for an empty list.
            self.rhs = [value for value in self.rhs if not (
                isinstance(value, int) and ((low is not None and value < low) or (high is not None and value > high)))]
        return super().process_rhs(compiler, connection)


def install():
    IntegerField.register_lookup(IntegerFieldIn)
