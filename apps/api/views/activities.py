"""Activities (read, create, check-in and check-out) and service records (read, enter pending
ones). Writes call the services of the pages (``apps.activities.services``): same rules, same
messages; records wait for confirmation by staff or the organization, as today."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action

from apps.activities import services
from apps.activities.models import Activity, ActivityPosition, ServiceRecord

from ..filters import ActivityFilter, ServiceRecordFilter
from ..serializers.activities import (
    ActivityCreateSerializer, ActivitySerializer, CheckInResultSerializer, CheckInSerializer,
    ServiceRecordCreateSerializer, ServiceRecordSerializer,
)
from .base import ScopedReadViewSet, WriteMixin

#: A record names its volunteer by number and name: their encrypted numbers are not even read.
VOLUNTEER_PERSONAL = ("volunteer__id_number", "volunteer__phone", "volunteer__occupation", "volunteer__education")


class ActivityViewSet(WriteMixin, mixins.CreateModelMixin, ScopedReadViewSet):
    """Activities of the client's scope with their positions; read-write clients create them and
    record check-in and check-out at the door."""

    model = Activity
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    select_related = ("organization", "team", "community", "contract")

    def get_queryset(self):
        return super().get_queryset().prefetch_related(Prefetch("positions", ActivityPosition.objects.order_by("pk")))

    def get_serializer_class(self):
        if self.action == "create":
            return ActivityCreateSerializer
        if self.action in ("check_in", "check_out"):
            return CheckInSerializer
        return ActivitySerializer

    @extend_schema(request=ActivityCreateSerializer, responses={201: ActivitySerializer})
    def create(self, request, *args, **kwargs):
        """Create an activity (read-write clients), as the back office or the portal does."""

        def work():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            fields, positions = serializer.to_service_fields()
            activity = services.activity_create(actor=request.user, positions=positions, **fields)
            return status.HTTP_201_CREATED, ActivitySerializer(self.get_queryset().get(pk=activity.pk)).data

        return self.write(request, work)

    @extend_schema(request=CheckInSerializer, responses={201: CheckInResultSerializer})
    @action(detail=True, methods=["post"], url_path="check-in", url_name="check-in")
    def check_in(self, request, pk=None):
        """Sign a volunteer in at the activity (as the phone page behind its QR code does)."""
        activity = self.get_object()

        def work():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            checkin = services.checkin_sign_in(activity=activity, volunteer=serializer.validated_data["volunteer"],
                                               at=serializer.validated_data.get("at"))
            return status.HTTP_201_CREATED, CheckInResultSerializer({
                "volunteer": checkin.volunteer_id, "activity": activity.pk, "checked_in_at": checkin.checked_in_at}).data

        return self.write(request, work)

    @extend_schema(request=CheckInSerializer, responses={201: ServiceRecordSerializer})
    @action(detail=True, methods=["post"], url_path="check-out", url_name="check-out")
    def check_out(self, request, pk=None):
        """Sign a volunteer out: the time served becomes a pending service record."""
        activity = self.get_object()

        def work():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            record = services.checkin_sign_out(activity=activity, volunteer=serializer.validated_data["volunteer"],
                                               at=serializer.validated_data.get("at"))
            return status.HTTP_201_CREATED, ServiceRecordSerializer(record).data

        return self.write(request, work)


class ServiceRecordViewSet(WriteMixin, mixins.CreateModelMixin, ScopedReadViewSet):
    """Service records of the client's scope (volunteers named by number and name); read-write
    clients enter pending records, which staff or the organization confirm as today."""

    model = ServiceRecord
    serializer_class = ServiceRecordSerializer
    filterset_class = ServiceRecordFilter
    select_related = ("volunteer",)

    def get_queryset(self):
        return super().get_queryset().defer(*VOLUNTEER_PERSONAL)

    def get_serializer_class(self):
        return ServiceRecordCreateSerializer if self.action == "create" else ServiceRecordSerializer

    @extend_schema(request=ServiceRecordCreateSerializer, responses={201: ServiceRecordSerializer})
    def create(self, request, *args, **kwargs):
        """Enter one pending record for a volunteer of an activity (as the pages' bulk entry)."""

        def work():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            [record] = services.records_enter(actor=request.user, activity=serializer.validated_data["activity"],
                                              entries=[serializer.entry()], request=request)
            return status.HTTP_201_CREATED, ServiceRecordSerializer(record).data

        return self.write(request, work)
