"""What every API view shares: the token and nothing else opens it, the client's scope decides
what it sees (``ApiScope``), every answer is kept out of caches and every call is audited; writes
run the domain's services as the client's service user, once per idempotency key."""

import contextvars
import re

from auditlog.context import set_actor
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from apps.apiclients.idempotency import KEY_MAX_LENGTH, KeyReused, idempotent_run, request_fingerprint
from apps.apiclients.models import ApiClient
from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record

from ..errors import exception_handler
from ..scope import ApiScope

#: An object's id in a URL: ASCII digits, within a bigint.
ID = re.compile(r"[0-9]{1,18}")
#: An idempotency key: printable ASCII, as HTTP headers carry it safely.
IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,%d}" % KEY_MAX_LENGTH)


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = _("This Idempotency-Key was used for another request in the last 24 hours: send a new key.")


class ApiViewMixin:
    #: Rows the answer carries (the audit entry's row count); set by list, retrieve and writes.
    audit_rows = 0
    audit_replayed = False

    @classmethod
    def as_view(cls, *args, **kwargs):
        # A token, not a session, opens the API: Django's LoginRequiredMiddleware must let the
        # request through to DRF, which answers 401 itself.
        return login_not_required(super().as_view(*args, **kwargs))

    @cached_property
    def scope(self):
        return ApiScope(self.request.auth)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)  # personal data: no browser or proxy keeps a copy
        client = getattr(request, "auth", None)
        if isinstance(client, ApiClient) and response.status_code != status.HTTP_429_TOO_MANY_REQUESTS:
            self._audit(request, client, response)
        return response

    def _audit(self, request, client, response):
        """One entry per call (a refused call over the rate limit is only counted there)."""
        match = request.resolver_match
        audit_event_record(
            actor=client.service_user, action=AuditAction.API, obj=client, request=request,
            row_count=self.audit_rows if response.status_code < 400 else 0,
            detail={"client": client.pk, "token": client.token_prefix, "method": request.method,
                    "endpoint": match.view_name if match else request.path, "path": request.path,
                    "query": request.META.get("QUERY_STRING", ""), "status": response.status_code,
                    **({"replayed": True} if self.audit_replayed else {})})


class ScopedReadViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """A list (cursor-paginated, filtered) and a detail of the scope's rows of ``model``, loaded
    with ``select_related`` / ``prefetch_related`` so that a page's queries do not grow with it."""

    model = None
    select_related: tuple = ()
    prefetch_related: tuple = ()
    # Any segment reaches the view, which answers 404 in the API's shape (JSON) to what is not an
    # id; a URL pattern of digits would leave it to the site's HTML 404 page.
    lookup_value_regex = "[^/]+"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            # Names the model for the schema generator, which would otherwise call get_queryset()
            # without a client. Never read: get_queryset() starts from the scope.
            cls.queryset = cls.model.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # drf-spectacular reads the model from here: no client, and no query (the schema is made
            # when the tests are collected, before their database exists).
            return self.model.objects.none()
        queryset = self.scope.rows(self.model.objects)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_object(self):
        # Through the scope, without the list's filters: another tenant's row answers 404.
        pk = self.kwargs["pk"]
        if not ID.fullmatch(pk):
            raise exceptions.NotFound()
        obj = self.scope.get_or_404(self.get_queryset(), pk=pk)
        self.check_object_permissions(self.request, obj)
        self.audit_rows = 1
        return obj

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.audit_rows = len(page) if page is not None else 0
        return page


def run_as(actor, work):
    """``work()`` with ``actor`` as auditlog's actor of the rows it writes. In a copy of the
    context: the request's own auditlog context (AuditlogMiddleware) is left as it was."""

    def act():
        with set_actor(actor):
            return work()

    return contextvars.copy_context().run(act)


class WriteMixin:
    """A write through a domain service: its ``ValidationError`` becomes a 400 with field errors,
    its rows are recorded (auditlog, ``recorded_by``) as the client's service user, and an
    ``Idempotency-Key`` makes a retry replay the first answer."""

    def write(self, request, work):
        """``work()`` -> (status, data) runs the service; answers its reply."""
        client = request.auth

        def handle():
            try:
                with transaction.atomic():  # a refused write leaves nothing behind (the services are not all atomic)
                    return run_as(client.service_user, work)
            except (DjangoValidationError, exceptions.ValidationError) as error:
                answer = exception_handler(error, self.get_exception_handler_context())
                return answer.status_code, answer.data

        key = request.headers.get("Idempotency-Key")
        if key is None:
            answer_status, data = handle()
        else:
            if not IDEMPOTENCY_KEY.fullmatch(key):
                raise exceptions.ValidationError({"Idempotency-Key": [_(
                    "Give 1 to %(length)d printable ASCII characters, e.g. a UUID.") % {"length": KEY_MAX_LENGTH}]})
            fingerprint = request_fingerprint(request.method, request.path, request.data)
            try:
                reply = idempotent_run(client=client, key=key, fingerprint=fingerprint, handle=handle)
            except KeyReused:
                raise IdempotencyKeyReused() from None
            answer_status, data, self.audit_replayed = reply.status, reply.body, reply.replayed
        if answer_status < 400:
            self.audit_rows = 1
        response = Response(data, status=answer_status)
        if self.audit_replayed:
            response["Idempotent-Replayed"] = "true"
        return response
