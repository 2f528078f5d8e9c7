"""What the working calendar tells the apps that count on it.

The calendar is below the apps that count deadlines on it (procurement imports it, never the
other way round), so it cannot recompute their deadlines itself; it announces the change and
each of them recomputes what it derived from those days.
"""

from django.dispatch import Signal

#: Sent inside the transaction that changed which days are working days: a year's arrangement
#: entered, or a day of an entered year added, changed or removed. Arguments: ``actor``,
#: ``first`` and ``last`` (the dates whose status may have changed), ``reason`` (for the audit
#: trail). A receiver that fails rolls the change back.
working_days_changed = Signal()
