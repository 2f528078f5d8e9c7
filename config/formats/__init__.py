"""One date format and one number format for both languages (FORMAT_MODULE_PATH).

Django's own locale formats differ by language (zh_Hans ``2026年12月3日`` and ``2026/12/03``,
en ``Dec. 3, 2026`` and ``12/03/2026``), so the same day read differently on a list, a detail
page and a table, and changed with the language switch. Both languages use the ISO order here,
which Chinese offices write anyway and which sorts as text. Only the output formats are set:
the forms keep Django's input formats for each language.

``apps.core.formats`` formats dates and amounts with these settings for templates and tables.
"""
