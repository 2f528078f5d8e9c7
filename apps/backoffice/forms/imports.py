from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.imports.inspection import content_bytes
from apps.imports.models import ImportKind
from apps.imports.reading import CSV_SUFFIXES, XLSX_SUFFIXES, FileFormatError
from apps.web.forms.uploads import MAX_UPLOAD_BYTES


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=ImportKind.choices)
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"),
                           help_text=_("Use the template's column headers; blank rows are skipped."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in XLSX_SUFFIXES | CSV_SUFFIXES:
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it."))
        try:
            content_bytes(upload, upload.name)  # the archive's directory only: nothing is inflated
        except FileFormatError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ImportCommitForm(forms.Form):
    confirm = forms.BooleanField(label=_("I have checked the preview; import every row of this file"))


class ImportRetryForm(forms.Form):
    confirm = forms.BooleanField(label=_("Run this step again from the uploaded file"))


class ImportCancelForm(forms.Form):
    confirm = forms.BooleanField(label=_("Cancel this import and delete the uploaded file"))
