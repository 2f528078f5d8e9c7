import pytest
from django.test import Client

from tests.api.world import api_world


@pytest.fixture(scope="module")
def api(module_world):
    """The API clients and organization A's and B's work data, built once per module."""
    return api_world(module_world)


@pytest.fixture
def call(api):
    """call(kind, method, url, data=None, **headers) -> response, with that client kind's token."""

    def send(kind, method, url, data=None, **headers):
        client = Client()
        kwargs = {**api.headers(kind), **headers}
        if method == "get":
            return client.get(url, data or {}, **kwargs)
        return getattr(client, method)(url, data if data is not None else {}, content_type="application/json",
                                       **kwargs)

    return send
