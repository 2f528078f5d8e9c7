"""Kept monthly figures of confirmed records per area (every level above the activity's
community): hours, records and distinct active volunteers per (area, month), so the dashboard
reads 12 rows instead of aggregating the year's records. Months are the local month of the
record's ``started_at``.

Distinct volunteers do not add up, so ``MonthVolunteer`` keeps one row per (area, month,
volunteer) with that volunteer's confirmed records there: created at 0→1 (the month's
``volunteers`` goes up by one), deleted at 1→0 (it goes down). Upkeep: ``totals.totals_apply``.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MonthTotal(models.Model):
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+", db_index=False)
    month = models.DateField(help_text="First day of the local month.")
    hours = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    records = models.PositiveIntegerField(default=0)
    volunteers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # Also serves the dashboard's read: one area's last 12 months.
            models.UniqueConstraint(fields=["area", "month"], name="monthtotal_area_month_unique",
                                    violation_error_message=_("This area already has a total for this month.")),
        ]

    def __str__(self):
        return f"{self.area_id}@{self.month:%Y-%m}: {self.hours} h, {self.volunteers} volunteers"


class MonthVolunteer(models.Model):
    # No foreign-key constraints: millions of rows at city scale, written in bulk by the seed, whose
    # areas and volunteers are those of confirmed records (protected from deletion by the records).
    area = models.ForeignKey("areas.Area", on_delete=models.DO_NOTHING, related_name="+", db_index=False,
                             db_constraint=False)
    month = models.DateField()
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.DO_NOTHING, related_name="+",
                                  db_index=False, db_constraint=False)
    records = models.PositiveIntegerField()

    class Meta:
        constraints = [
            # The upsert's conflict target in totals_apply, and the volunteers count per (area, month).
            models.UniqueConstraint(fields=["area", "month", "volunteer"], name="monthvolunteer_unique",
                                    violation_error_message=_("This volunteer is already counted in this area and "
                                                              "month.")),
            models.CheckConstraint(condition=Q(records__gt=0), name="monthvolunteer_records_positive",
                                   violation_error_message=_("A counted volunteer has at least one record.")),
        ]

    def __str__(self):
        return f"{self.volunteer_id} in {self.area_id}@{self.month:%Y-%m}: {self.records}"
