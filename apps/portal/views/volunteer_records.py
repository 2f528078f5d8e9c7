"""Training and award records of the organization's own (current) volunteers (issue 16.13), read by
every member of the organization: trainings, honours and star awards, one tab each."""

from django.utils.translation import gettext_lazy

from apps.volunteers.models import HonourRecord, StarAward, TrainingRecord

from ..filters.volunteer_records import PortalHonourFilter, PortalStarAwardFilter, PortalTrainingFilter
from ..tables.volunteer_records import PortalHonourTable, PortalStarAwardTable, PortalTrainingTable
from .lists import PortalListView


class _RecordListView(PortalListView):
    template_name = "portal/work/volunteer_records.html"
    select_related = ("volunteer",)
    # Read here; the records are the street office's (entered in the back office), not the organization's to copy.
    export_formats = ()


class TrainingListView(_RecordListView):
    model = TrainingRecord
    table_class = PortalTrainingTable
    filterset_class = PortalTrainingFilter
    title = gettext_lazy("Training and awards")
    tab = "training"


class HonourListView(_RecordListView):
    model = HonourRecord
    table_class = PortalHonourTable
    filterset_class = PortalHonourFilter
    title = gettext_lazy("Training and awards")
    tab = "honours"


class StarAwardListView(_RecordListView):
    model = StarAward
    table_class = PortalStarAwardTable
    filterset_class = PortalStarAwardFilter
    title = gettext_lazy("Training and awards")
    tab = "stars"
