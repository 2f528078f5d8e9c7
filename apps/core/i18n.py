"""Strings that our dependencies show on our pages but whose own zh_Hans catalogs lack.

Listing them here puts them in our catalog, which takes precedence over the packages'.
"""

from django.utils.translation import gettext_noop

DEPENDENCY_STRINGS = [
    gettext_noop("- Select an option -"),  # Django 6.1 model-field blank choice (BLANK_CHOICE_LABEL)
    # django-auditlog's action names and admin labels (it ships no zh_Hans catalog)
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    gettext_noop("timestamp"),
    gettext_noop("change message"),
    gettext_noop("object representation"),
]
