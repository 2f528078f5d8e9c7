"""Tables of the organization's training and award records (issue 16.13): names only, no personal data."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.tables import StableTable
from apps.volunteers.models import HonourRecord, StarAward, TrainingRecord


class _VolunteerColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(verbose_name=_("volunteer"), accessor="volunteer__name", order_by=("volunteer__name",),
                         **kwargs)


#: Columns left out on a phone (below Bootstrap's md breakpoint): the list fits 390 px.
WIDE_ONLY = {"td": {"class": "d-none d-md-table-cell"}, "th": {"class": "d-none d-md-table-cell"}}


class PortalTrainingTable(StableTable):
    volunteer = _VolunteerColumn()
    organizer = tables.Column(attrs=WIDE_ONLY)

    class Meta:
        model = TrainingRecord
        fields = ["held_on", "volunteer", "title", "organizer", "hours"]
        order_by = "-held_on"
        attrs = {"data-testid": "training-table"}


class PortalHonourTable(StableTable):
    volunteer = _VolunteerColumn()
    granting_body = tables.Column(attrs=WIDE_ONLY)

    class Meta:
        model = HonourRecord
        fields = ["granted_on", "volunteer", "title", "granting_body"]
        order_by = "-granted_on"
        attrs = {"data-testid": "honour-table"}


class PortalStarAwardTable(StableTable):
    volunteer = _VolunteerColumn()
    hours_at_grant = tables.Column(attrs=WIDE_ONLY)
    granting_body = tables.Column(attrs=WIDE_ONLY)

    class Meta:
        model = StarAward
        fields = ["granted_on", "volunteer", "level", "hours_at_grant", "granting_body", "status"]
        order_by = "-granted_on"
        attrs = {"data-testid": "star-award-table"}
