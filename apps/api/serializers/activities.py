"""Activities, service records and check-ins (DOMAIN §4). Writes go through the services the
pages use (``apps.activities.services``) with their rules and messages; these serializers only
read the request and choose referenced rows within the client's scope, as the pages' forms do."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.activities.models import Activity, ActivityPosition, OrganizerKind, ServiceRecord
from apps.procurement.models import Contract
from apps.volunteers.models import Team, Volunteer

from .common import AreaRefSerializer, OrganizationRefSerializer, ScopedPrimaryKeyField
from .people import VolunteerRefSerializer

#: How far ahead of this server a partner's clock may run (a gate's reader reporting a sign-in).
CLOCK_SKEW = datetime.timedelta(minutes=1)


class PositionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityPosition
        fields = ["id", "name", "quota"]
        read_only_fields = ["id"]


class TeamRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name"]


class ContractRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contract
        fields = ["id", "number"]


class ActivitySerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    team = TeamRefSerializer(read_only=True, allow_null=True)
    community = AreaRefSerializer(read_only=True)
    contract = ContractRefSerializer(read_only=True, allow_null=True)
    positions = PositionSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "name", "organizer_kind", "organization", "team", "community", "place", "starts_at", "ends_at",
                  "category", "content", "beneficiaries", "beneficiary_count", "lead_person", "recruitment_needs",
                  "is_risky", "is_insured", "contract", "is_cancelled", "positions", "created_at", "updated_at"]


def _teams(scope):
    """The back office chooses among the area's teams, the portal among its active ones."""
    teams = scope.rows(Team.objects)
    return teams.filter(status=Team.Status.ACTIVE) if scope.organization is not None else teams


class ActivityCreateSerializer(serializers.ModelSerializer):
    """As the back office's form (an area client) or the portal's (an organization client: the
    organizer is the organization or one of its teams, whatever the request says)."""

    organization = ScopedPrimaryKeyField(lambda scope: scope.organizations(), required=False, allow_null=True)
    team = ScopedPrimaryKeyField(lambda scope: _teams(scope), required=False, allow_null=True)
    community = ScopedPrimaryKeyField(lambda scope: scope.communities())
    contract = ScopedPrimaryKeyField(lambda scope: scope.rows(Contract.objects), required=False, allow_null=True)
    positions = PositionSerializer(many=True, required=False)

    class Meta:
        model = Activity
        fields = ["name", "organizer_kind", "organization", "team", "community", "place", "starts_at", "ends_at",
                  "category", "content", "beneficiaries", "beneficiary_count", "lead_person", "recruitment_needs",
                  "is_risky", "is_insured", "contract", "positions"]
        extra_kwargs = {"organizer_kind": {"required": False}}

    def validate(self, data):
        scope = self.context["view"].scope
        if scope.organization is not None:  # the portal's rule: the client's organization organizes
            data["organizer_kind"] = OrganizerKind.TEAM if data.get("team") else OrganizerKind.ORGANIZATION
            data["organization"] = scope.organization
        elif not data.get("organizer_kind"):
            raise serializers.ValidationError({"organizer_kind": [_("This field is required.")]})
        return data

    def to_service_fields(self):
        """The service's keyword arguments: the activity's fields and its positions as (name, quota)."""
        fields = dict(self.validated_data)
        positions = [(p["name"], p["quota"]) for p in fields.pop("positions", [])]
        return fields, positions


class ServiceRecordSerializer(serializers.ModelSerializer):
    volunteer = VolunteerRefSerializer(read_only=True)
    activity = serializers.PrimaryKeyRelatedField(read_only=True)
    position = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = ServiceRecord
        fields = ["id", "volunteer", "activity", "position", "started_at", "ended_at", "hours", "content", "evaluation",
                  "status", "note", "supersedes", "recorded_at", "confirmed_at", "checked_in_at", "updated_at"]


class ServiceRecordCreateSerializer(serializers.Serializer):
    """One pending record, entered as the pages' bulk entry enters each (``records_enter``):
    without times, the volunteer served the whole activity; without hours, the time between."""

    activity = ScopedPrimaryKeyField(lambda scope: scope.rows(Activity.objects))
    volunteer = ScopedPrimaryKeyField(lambda scope: scope.rows(Volunteer.objects))
    started_at = serializers.DateTimeField(required=False)
    ended_at = serializers.DateTimeField(required=False)
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"), required=False)
    content = serializers.CharField(max_length=200, required=False, allow_blank=True)
    position = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    def validate(self, data):
        position = data.get("position")
        if position is not None:
            data["position"] = ActivityPosition.objects.filter(activity=data["activity"], pk=position).first()
            if data["position"] is None:
                raise serializers.ValidationError({"position": [_("This activity has no such position.")]})
        return data

    def entry(self):
        return {name: value for name, value in self.validated_data.items() if name != "activity"}


class CheckInSerializer(serializers.Serializer):
    """A sign-in or sign-out at the door, recorded by another system (e.g. a gate's reader)."""

    volunteer = ScopedPrimaryKeyField(lambda scope: scope.rows(Volunteer.objects))
    at = serializers.DateTimeField(required=False, help_text="When it happened (default: now); never in the future.")

    def validate_at(self, value):
        if value > timezone.now() + CLOCK_SKEW:
            raise serializers.ValidationError(_("This time lies in the future."))
        return value


class CheckInResultSerializer(serializers.Serializer):
    """A sign-in's answer; a sign-out's is the pending record it made."""

    volunteer = serializers.IntegerField()
    activity = serializers.IntegerField()
    checked_in_at = serializers.DateTimeField()
