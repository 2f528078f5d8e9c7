"""Small nested references: what a row names of another (its id and what a person reads)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.areas.models import Area
from apps.organizations.models import Organization


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "level"]


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name"]


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A write's reference to another row, chosen among the scope's rows (like the forms'
    dropdowns): another tenant's id is refused like an unknown one. ``rows(scope)`` gives them."""

    def __init__(self, rows, **kwargs):
        self.rows = rows
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.rows(self.context["view"].scope)
