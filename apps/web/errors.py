"""Turning validation errors into what a person reads: on the form, or in one message."""

from django.utils.translation import gettext as _


def form_errors(form):
    """All of a form's errors as one line (for messages after a POST-only action)."""
    return " ".join(e for errors in form.errors.values() for e in errors) or _("Check the input.")


def add_to_form(form, error):
    """Put a service's ``ValidationError`` on the form: each field's messages next to that field
    (messages of fields the form does not show on top), a plain message on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
