"""The areas each volunteer counts in, kept so that an area's volunteer figures are read from
one index instead of an OR over residence and every membership of the area's organizations.

A volunteer counts in an area (``VolunteerQuerySet.in_area``) when the community they live in
lies in its subtree, or when they have (or had) a membership of an organization based there.
``VolunteerArea`` holds one row per (volunteer, area) of that relation, every level included,
with the two columns the dashboard groups by. Upkeep: ``apps.volunteers.areas``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VolunteerArea(models.Model):
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="+",
                                  db_index=False)  # served by the unique constraint
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+", db_index=False)
    registered_month = models.DateField(help_text="First day of the local month of Volunteer.created_at.")
    party = models.BooleanField(help_text="Whether the volunteer's political status is a Party member's.")

    class Meta:
        constraints = [
            # The upkeep's look-up by volunteer.
            models.UniqueConstraint(fields=["volunteer", "area"], name="volunteerarea_unique",
                                    violation_error_message=_("This volunteer is already counted in this area.")),
        ]
        indexes = [
            # The dashboard's new registrations per month and Party-member volunteers of one area
            # (reports.selectors.volunteer_months): an index-only scan of the area's entries.
            models.Index(fields=["area", "registered_month", "party"], name="volunteerarea_area_month"),
        ]

    def __str__(self):
        return f"{self.volunteer_id} in {self.area_id}"
