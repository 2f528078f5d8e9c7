"""The OpenAPI schema (drf-spectacular): every operation documents the errors it may answer, in
the one error shape (``errors.ErrorSerializer``), so that a client (and schemathesis, which checks
every answer against the schema) knows them all: 400 for a refused filter, cursor or body, 401
without a valid token, 403 for a read-only client's write, 404 outside the scope, 429 over the
rate limit with ``Retry-After``; writes also 422 (an idempotency key reused for another
request; a concurrent retry waits for the first request and gets its answer)."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from .errors import ErrorSerializer

READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = (*READ_ERRORS, "422")

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
    description="Any unique string (1–200 printable ASCII characters, e.g. a UUID) for this write: a retry "
                "with the same key and body within 24 hours gets the first answer again and writes nothing.")


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = READ_ERRORS if self.method in ("GET", "HEAD") else WRITE_ERRORS
        for status in errors:
            if status not in responses:
                responses[status] = self._get_response_for_code(ErrorSerializer, status, direction=direction)
                if status == "429":
                    responses[status]["headers"] = {"Retry-After": {
                        "schema": {"type": "integer"}, "description": "Seconds until the client may call again."}}
        return responses

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "POST":
            parameters = [*parameters, IDEMPOTENCY_KEY]
        return parameters
