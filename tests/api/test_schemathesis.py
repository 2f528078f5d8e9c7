"""Point 5 of issue 17: schemathesis runs the OpenAPI schema against the app, operation by operation,
with a read-write client of street A (so that writes get past the access check and their bodies
are judged): no answer is a server error, and every answer (status, headers, body) is one the
schema describes. In-process (WSGI), inside the test's transaction; a modest number of examples
per operation keeps it in the normal suite."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.world import STREET_A_WRITE


def served_schema():
    """The schema ``/api/v1/schema/`` serves (``test_the_served_schema_is_the_one_tested``), made
    without a request: the operations are collected before any database exists."""
    with translation.override("en"):
        return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def connection_kept_open():
    """Django's own test client keeps the test's connection (and its transaction) across requests by
    not closing old connections at their start and end; the WSGI app called here does the same."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def auth(api):
    return {"Authorization": f"Bearer {api.tokens[STREET_A_WRITE]}"}


@pytest.mark.django_db
def test_making_the_schema_runs_no_query(django_assert_num_queries):
    """It is made when this module is collected: on PostgreSQL a query then would open the pooled
    connection to the real database, before the test database exists."""
    with django_assert_num_queries(0):
        served_schema()


@pytest.mark.django_db
def test_the_served_schema_is_the_one_tested(call):
    response = call(STREET_A_WRITE, "get", "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json",
                    HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    served, made = json.loads(response.content), served_schema()
    for path, operations in served["paths"].items():
        for method, operation in operations.items():
            for key, value in operation.items():
                assert value == made["paths"][path][method][key], (path, method, key)
    assert served == made
    assert len(served["paths"]) >= 15


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_every_answer_is_in_the_schema_and_none_is_a_server_error(case, auth):
    # Every check but one: a schema-valid request may be refused (400) when it names a row that
    # does not exist or that the client does not see, which no schema can state.
    case.call_and_validate(headers=auth, excluded_checks=[positive_data_acceptance])
