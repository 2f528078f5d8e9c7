"""Strings that our dependencies show on our pages but whose own zh_Hans catalogs lack.

Listing them here puts them in our catalog, which takes precedence over the packages'.
"""

from django.utils.translation import gettext_noop

DEPENDENCY_STRINGS = [
    gettext_noop("- Select an option -"),  # Django 6.1 model-field blank choice (BLANK_CHOICE_LABEL)
    # Django's messages for a value that must be unique: its own zh_Hans catalog reads
    # "具有 合同编号 的 政府购买服务合同 已存在。" (issue 16.15); ours says it as a clerk would.
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
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
