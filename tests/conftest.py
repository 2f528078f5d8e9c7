import pytest
from django.test import Client

from tests.personas import ANONYMOUS, build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(world):
    """client_for(persona) -> a test client logged in as that persona (anonymous: not logged in)."""

    def make(persona):
        client = Client()
        if persona != ANONYMOUS:
            client.force_login(world.user(persona), backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
