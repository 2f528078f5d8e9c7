"""Volunteers and teams (DOMAIN §3, §6): ID numbers and phones masked as on staff screens, never
in full (no API role reveals them); the age, never the birth date (what a masked resident ID
hides); no extra personal fields (occupation, education: kept only under a consent, for the
street office's own use)."""

from rest_framework import serializers

from apps.volunteers.models import Team, Volunteer

from .common import AreaRefSerializer, OrganizationRefSerializer


class VolunteerRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Volunteer
        fields = ["id", "number", "name"]


class VolunteerSerializer(serializers.ModelSerializer):
    age = serializers.IntegerField(read_only=True)
    id_number_masked = serializers.CharField(read_only=True)
    phone_masked = serializers.CharField(read_only=True)
    community = AreaRefSerializer(read_only=True)
    registered_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Volunteer
        fields = ["id", "number", "name", "sex", "age", "document_type", "id_number_masked", "phone_masked",
                  "community", "political_status", "skills", "availability", "service_intention", "confirmed_hours",
                  "confirmed_records", "star_level", "registered_at", "updated_at"]


class TeamSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    community = AreaRefSerializer(read_only=True, allow_null=True)
    area = AreaRefSerializer(read_only=True)
    leader = VolunteerRefSerializer(read_only=True, allow_null=True)
    contact_phone_masked = serializers.CharField(read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "organization", "community", "area", "leader", "contact_name", "contact_phone_masked",
                  "founded_on", "status", "created_at", "updated_at"]
