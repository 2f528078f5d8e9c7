"""The contact phone is personal data: encrypted at rest (DOMAIN §6). Existing clear values
are encrypted in place (the reverse migration decrypts them), and the audit trail's copies of
earlier phone changes are masked: auditlog no longer records the field."""

from django.db import migrations

import apps.core.crypto
from apps.core import crypto
from apps.core.masking import mask_phone

TABLE = "organizations_organization"


def _rewrite(schema_editor, convert):
    connection = schema_editor.connection
    table, column = connection.ops.quote_name(TABLE), connection.ops.quote_name("contact_phone")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")
        rows = cursor.fetchall()
        for pk, value in rows:
            new = convert(value)
            if new != value:
                cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [new, pk])


def _is_token(value):
    return value.startswith("gAAAAA")  # Fernet tokens (version byte 0x80) in base64


def encrypt_phones(apps, schema_editor):
    _rewrite(schema_editor, lambda v: v if _is_token(v) else crypto.encrypt(v))


def decrypt_phones(apps, schema_editor):
    _rewrite(schema_editor, lambda v: crypto.decrypt(v) if _is_token(v) else v)


def mask_phones_in_audit_trail(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    content_type = ContentType.objects.filter(app_label="organizations", model="organization").first()
    if content_type is None:
        return
    for entry in LogEntry.objects.filter(content_type=content_type).only("pk", "changes").iterator():
        changes = entry.changes if isinstance(entry.changes, dict) else None
        if not changes or "contact_phone" not in changes:
            continue
        changes["contact_phone"] = [mask_phone(v) if v not in (None, "None") else v
                                    for v in changes["contact_phone"]]
        LogEntry.objects.filter(pk=entry.pk).update(changes=changes)


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0003_default_service_domains"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organization",
            name="contact_phone",
            field=apps.core.crypto.EncryptedCharField(blank=True, max_length=20, verbose_name="contact phone"),
        ),
        migrations.RunPython(encrypt_phones, decrypt_phones),
        migrations.RunPython(mask_phones_in_audit_trail, migrations.RunPython.noop),
    ]
