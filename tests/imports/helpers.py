"""Spreadsheets as clerks make them, and a shortcut to run an import through the services."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from apps.imports import services
from apps.volunteers.id_numbers import synthetic_resident_id

VOLUNTEER_HEADER = ["姓名", "证件号码", "手机号码", "居住社区", "政治面貌"]


def id_number(n, birth=datetime.date(1985, 6, 1)):
    return synthetic_resident_id("330106", birth, n)


def xlsx_upload(rows, name="file.xlsx", trailing_blank=3):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for _ in range(trailing_blank):
        sheet.append([None, " ", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_upload(rows, name="file.csv", encoding="utf-8-sig"):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode(encoding))


def check(actor, kind, upload):
    job = services.import_job_create(actor=actor, kind=kind, upload=upload)
    return services.import_check(job=job)


def check_and_commit(actor, kind, upload):
    job = check(actor, kind, upload)
    assert job.status == "checked", job.errors
    return services.import_commit(job=job)


def errors_by_column(job):
    return {(e["row"], e["column"]): e for e in job.errors}


def logged_in(user):
    """A test client logged in as ``user`` (for modules on ``module_world``, which ``client_for`` does not serve)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
