import pytest


@pytest.fixture(autouse=True)
def memory_storage(settings):
    """Uploaded files stay in memory during these tests."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
