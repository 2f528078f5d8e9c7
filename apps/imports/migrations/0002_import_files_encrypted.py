# Upload files were kept as they came, for ever. From now on they are stored encrypted and
# deleted when their job ends (apps.imports.files): the files already stored are encrypted when
# their job still waits, and deleted otherwise.

import apps.imports.models
from django.db import migrations, models

ENDED = {"done", "failed", "invalid", "cancelled"}
STORED_NAME = "upload.enc"  # apps.imports.files.STORED_NAME when this was written


def encrypt_or_delete_files(apps, schema_editor):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from apps.core.crypto import encrypt_bytes

    ImportJob = apps.get_model("imports", "ImportJob")
    for pk, uuid, status, name in ImportJob.objects.exclude(file="").values_list("pk", "uuid", "status", "file"):
        if name.endswith(f"/{STORED_NAME}"):
            continue  # encrypted already
        if status in ENDED or not default_storage.exists(name):
            if default_storage.exists(name):
                default_storage.delete(name)
            ImportJob.objects.filter(pk=pk).update(file="")
            continue
        with default_storage.open(name, "rb") as handle:
            token = encrypt_bytes(handle.read())
        stored = default_storage.save(f"imports/{uuid}/{STORED_NAME}", ContentFile(token))
        default_storage.delete(name)
        ImportJob.objects.filter(pk=pk).update(file=stored)


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='importjob',
            name='file',
            field=models.FileField(blank=True, upload_to=apps.imports.models.import_upload_path, verbose_name='file'),
        ),
        migrations.RunPython(encrypt_or_delete_files, migrations.RunPython.noop),
    ]
