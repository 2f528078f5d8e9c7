"""One shape for every error the API answers, in the request's language (Chinese unless the
client asks otherwise with Accept-Language)::

    {"code": "invalid", "detail": "请检查输入：各字段的错误见 fields。", "fields": {"hours": ["…"]}}

``code`` is stable for programs, ``detail`` is for people, ``fields`` (validation errors only)
holds each field's messages: a service's ``ValidationError`` (the same rules and words as the
pages' forms) keeps its fields; messages for the request as a whole are under ``non_field_errors``.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's (Django) ``ValidationError`` as the API's, field by field."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError({
            (NON_FIELD if field == "__all__" else field): messages for field, messages in error.message_dict.items()})
    return exceptions.ValidationError({NON_FIELD: error.messages})


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = validation_error(exc)
    elif isinstance(exc, Http404):  # as DRF's handler does, so that the code below sees its code
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's handler answers (and logs) it
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {NON_FIELD: exc.detail}
        response.data = {"code": "invalid", "detail": _("Check the input: each field's errors are under “fields”."),
                         "fields": fields}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        code = exc.get_codes()
        response.data = {"code": code if isinstance(code, str) else "error", "detail": str(detail)}
    return response


class ErrorSerializer(serializers.Serializer):
    """For the schema: what every error answer looks like."""

    code = serializers.CharField(help_text="invalid, not_authenticated, authentication_failed, permission_denied, "
                                           "not_found, throttled, idempotency_key_reused …")
    detail = serializers.CharField()
    fields = serializers.DictField(required=False, help_text="Validation errors only: messages per field.")
