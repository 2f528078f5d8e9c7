import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted in their English source form, whatever the catalog holds."""
    with translation.override("en"):
        yield
