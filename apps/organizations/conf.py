"""Local rules of the registry (DOMAIN §2 marks them *(local)*), overridable in settings.

- ``ORGANIZATION_ANNUAL_REPORT_DEADLINES``: {legal form: (month, day)} used when the editable
  ``AnnualReportDeadline`` table has no row for a legal form.
- ``ORGANIZATION_GRADE_CUTOFFS``: {grade: lowest score of 1000} for evaluation grades.
"""

from django.conf import settings

DEFAULT_DEADLINE = (5, 31)
DEFAULT_DEADLINES = {"foundation": (3, 31)}
DEFAULT_GRADE_CUTOFFS = {5: 900, 4: 800, 3: 700, 2: 600, 1: 500}


def annual_report_deadlines() -> dict:
    return getattr(settings, "ORGANIZATION_ANNUAL_REPORT_DEADLINES", DEFAULT_DEADLINES)


def grade_cutoffs() -> dict:
    return getattr(settings, "ORGANIZATION_GRADE_CUTOFFS", DEFAULT_GRADE_CUTOFFS)
