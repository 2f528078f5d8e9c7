"""The one check of an uploaded document (attachments, evidence, annual reports, sign-up papers)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import ATTACHMENT_EXTENSIONS

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def validate_upload(file):
    if file and file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
    extension = file.name.rsplit(".", 1)[-1].lower() if file and "." in file.name else ""
    if file and extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Upload a PDF, OFD, image, Word or Excel file (%(extensions)s).")
            % {"extensions": ", ".join(ATTACHMENT_EXTENSIONS)},
            code="extension",
        )


def upload_field(label, required=False):
    return forms.FileField(label=label, required=required, validators=[validate_upload])
