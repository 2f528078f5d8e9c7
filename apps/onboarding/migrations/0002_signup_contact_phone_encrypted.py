# The sign-up's contact phone becomes an encrypted column; the rows written before are encrypted
# in place. Raw SQL: the model's field would try to decrypt the clear values it reads.

import apps.core.crypto
from django.db import migrations

TABLE, COLUMN = "onboarding_signupapplication", "contact_phone"


def _rows(schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {quote(COLUMN)} FROM {quote(TABLE)}")
        return connection, quote, cursor.fetchall()


def _rewrite(schema_editor, convert):
    connection, quote, rows = _rows(schema_editor)
    with connection.cursor() as cursor:
        for pk, value in rows:
            new = convert(value or "")
            if new != (value or ""):
                cursor.execute(f"UPDATE {quote(TABLE)} SET {quote(COLUMN)} = %s WHERE id = %s", [new, pk])


def encrypt_contact_phones(apps, schema_editor):
    """Encrypt every clear value; tokens already written are left alone (safe to run twice)."""
    from apps.core.crypto import encrypt, is_token

    _rewrite(schema_editor, lambda value: value if not value or is_token(value) else encrypt(value))


def decrypt_contact_phones(apps, schema_editor):
    from apps.core.crypto import decrypt, is_token

    _rewrite(schema_editor, lambda value: decrypt(value) if value and is_token(value) else value)


class Migration(migrations.Migration):

    dependencies = [
        ('onboarding', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='signupapplication',
            name='contact_phone',
            field=apps.core.crypto.EncryptedCharField(max_length=20, verbose_name='contact phone'),
        ),
        migrations.RunPython(encrypt_contact_phones, decrypt_contact_phones),
    ]
