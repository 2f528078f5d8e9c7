import logging

import pytest
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


@pytest.fixture
def client_for(world):
    """client_for(persona) -> a test client logged in as that persona (anonymous: not logged in)."""

    def make(persona):
        client = Client()
        if persona != ANONYMOUS:
            client.force_login(world.user(persona), backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
