"""The importer reads uploads from a path: tests of this package that import need a file
system storage instead of the package's memory storage (``conftest.memory_storage``)."""

import pytest


@pytest.fixture
def files_on_disk(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}
