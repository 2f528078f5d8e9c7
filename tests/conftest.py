import logging

import pytest
from django.db import transaction
from django.test import Client

from tests.personas import ANONYMOUS, build_world


class MissingGlyphError(logging.Handler):
    """fpdf2 only logs a warning when the font lacks a character and prints an empty box. Tests
    print with a subset font (tests/fonts/), so a missing glyph means the subset is out of date."""

    def emit(self, record):
        if "missing the following glyphs" in record.msg:
            raise AssertionError(f"{record.getMessage()}: run tests/fonts/make_test_font.py and commit the font")


def pytest_configure(config):
    logging.getLogger("fpdf.output").addHandler(MissingGlyphError(logging.WARNING))


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world built once for a whole module, in a transaction rolled back after its last test.

    For modules whose tests only read it, or whose tests take ``db`` and so run in a savepoint that
    is rolled back after each test (their writes never reach the next test). The Python objects are
    shared as well: a test that changes them in memory takes the function-scoped ``world``. Objects
    a module adds lazily (``portal_world`` …) must be built in the module's fixture, not in a test,
    or they would be rolled back with the test while the world still points at them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def client_for(world):
    """client_for(persona) -> a test client logged in as that persona (anonymous: not logged in)."""

    def make(persona):
        client = Client()
        if persona != ANONYMOUS:
            client.force_login(world.user(persona), backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
