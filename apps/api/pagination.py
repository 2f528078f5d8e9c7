"""Cursor pagination by primary key, for lists of any size and for incremental sync.

Rows come in ascending ``id`` (stable: ties are impossible, and a row never moves between pages
when it changes). No COUNT(*): a page is one indexed range. Each page says the server's time when
it was read (``server_time``); a partner syncing by ``updated_since`` starts its next pass a few
minutes before the first page's time (rows still being written then commit later) and upserts by
``id``, so nothing is missed and a row seen twice does no harm (README, "Data-sharing API")."""

import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

#: A cursor's position is an id: ASCII digits, within a bigint.
POSITION = re.compile(r"[0-9]{1,18}")


class SyncCursorPagination(CursorPagination):
    ordering = "id"
    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        # DRF checks the offset and the direction of a cursor but not its position, which goes
        # into the query: a forged "p=abc" would fail there (500) instead of here (404).
        if cursor is not None and cursor.position is not None and not POSITION.fullmatch(str(cursor.position)):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def get_page_size(self, request):
        """DRF falls back to the default for a page size it cannot use; a partner's program should
        learn that its value is wrong: 400. Above the maximum, the maximum (documented)."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not POSITION.fullmatch(value) or int(value) < 1:
            raise ValidationError({self.page_size_query_param: [
                _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]})
        return min(int(value), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = f"Rows per page (default {self.page_size}, at most {self.max_page_size})."
        return parameters

    def get_paginated_response(self, data):
        return Response({
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "server_time": timezone.localtime(),  # in the zone of every other time of the answer
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["server_time"] = {
            "type": "string", "format": "date-time",
            "description": "When this page was read: start the next sync a few minutes before the first page's time.",
        }
        response["required"] = ["next", "previous", "server_time", "results"]
        return response
