"""Strings that our dependencies show on our pages but whose own zh_Hans catalogs lack.

Listing them here puts them in our catalog, which takes precedence over the packages'.
"""

from django.utils.translation import gettext_noop

DEPENDENCY_STRINGS = [
    gettext_noop("- Select an option -"),  # Django 6.1 model-field blank choice (BLANK_CHOICE_LABEL)
]
