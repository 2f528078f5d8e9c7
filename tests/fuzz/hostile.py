"""Hostile values for query parameters and form fields, as hypothesis strategies.

Every value is a ``str`` (or a list of them, for "a list where a scalar is expected"): what a
browser, a script or an attacker can put in a URL or a form. ``Raw`` marks a query-string fragment
sent as typed, without percent-encoding (a lone ``%``, an invalid UTF-8 escape)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

HOSTILE = [
    # Numbers a view may pass to int(), a paginator, a slice or a database integer column.
    "99999999999999999999", "-99999999999999999999", "9223372036854775808", "2147483648", "-1", "-5", "0",
    "1e400", "NaN", "Infinity", "0x1F", "1_000", " 7 ", "1.5", "-0.0",
    # Digits str.isdigit() accepts but int() or the database do not (or read differently).
    "²", "3²", "١٢", "３", "１２３", "٣", "໓", "𝟗",
    "3301061990030712²6", "33010619900307121X", "３３０１０６１９９００３０７１２１６",
    # Dates that do not exist or do not fit.
    "2026-02-30", "2026-13-01", "0000-00-00", "0001-01-01", "9999-12-31", "99999-01-01", "2026-02-30T25:61",
    "2026-01-01T00:00:00+99:00", "2026/02/30", "２０２６-０１-０１", "1900-01-01",
    # NUL (PostgreSQL refuses it in text) and other control or direction characters.
    "\x00", "a\x00b", "\r\n", "\t", "\u202e", "\ufeff", "\U0001f600", "\u3000",
    # Injection fragments: they must come back as text, never as markup, SQL or a template.
    "' OR '1'='1", "1; DROP TABLE x; --", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}", "{% debug %}", "${7*7}", "../../../etc/passwd", "a/b", "/", "\\", "%", "%00", "%25",
    # Lengths far beyond any max_length.
    "x" * 10_000, "9" * 400, "汉" * 3_000,
    # Words that look like a choice, an ordering or a format.
    "", " ", "true", "on", "None", "null", "[]", "{}", "csv", "xlsx", "pdf", "json", "-pk", "pk", "-", "__all__",
    "name__icontains", "-created_at", "?", "#",
]


class Raw(str):
    """A query-string value sent as typed (not percent-encoded)."""


RAW_QUERY = [Raw(value) for value in
             ("%", "%zz", "%ff", "%C0%AF", "%00", "%2", "%E4%B8", "%%", "&", "=", "+", "%u0041")]

# For a URL's keywords, what their converters let through (``<int:pk>`` takes only 0-9).
PATH_VALUES = {
    "int": st.sampled_from(["99999999999999999999", "9223372036854775808", "0", "000001"]),
    "str": st.sampled_from(["\x00", "a\x00b", "²", "x" * 300, "%", "'", "..", "<b>", "١٢", "\u202e", " "]),
}

TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)  # no lone surrogates: not encodable

hostile_value = st.one_of(
    # The list's values three times as often as any integer or any text.
    st.sampled_from(HOSTILE), st.sampled_from(HOSTILE), st.sampled_from(HOSTILE),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    TEXT,
)
hostile_query_value = st.one_of(hostile_value, st.sampled_from(RAW_QUERY))


def field_value(baseline, values=hostile_value):
    """One field's values: hostile (alone or in a list where one value is expected), or absent."""
    return st.one_of(
        values.map(lambda value: [value]),
        st.lists(values, min_size=2, max_size=4),
        st.just([]),
        st.just(list(baseline)),
    )


@st.composite
def submission(draw, fields, choices=None, values=hostile_value):
    """Values for every field of a form: most keep their valid baseline, so that a hostile value
    reaches the code behind the form's other checks; sometimes every field is hostile. A field with
    options mixes them with hostile values (a valid id next to ``²``)."""
    names = sorted(fields)
    if not names:
        return {}
    choices = choices or {}
    everything = draw(st.integers(min_value=0, max_value=3)) == 0
    hostile_names = set(names) if everything else draw(
        st.sets(st.sampled_from(names), min_size=1, max_size=min(2, len(names))))
    drawn = {}
    for name in names:
        offered = [value for value in choices.get(name, ()) if value]
        field_values = st.one_of(values, st.sampled_from(offered)) if offered else values
        drawn[name] = draw(field_value(fields[name], field_values)) if name in hostile_names else list(fields[name])
    return drawn


# Uploads: names a browser or a script may send, and contents that only look like what their
# extension promises (a zip that is no workbook, a truncated PDF, nothing at all).
UPLOAD_NAMES = ["a.xlsx", "a.csv", "a.pdf", "a.jpg", "a.XLSX", "noextension", ".xlsx", "a.xlsx.exe", "../../etc/passwd",
                "a\x00.pdf", "\u202eexcel.xlsx", "报告" * 60 + ".pdf", "x" * 300 + ".xlsx", "a;b\r\n.csv", " .pdf"]
UPLOAD_CONTENTS = [b"", b"PK\x03\x04" + b"\x00" * 26, b"PK\x05\x06" + b"\x00" * 18, b"%PDF-1.4\n%%EOF",
                   b"\xff\xd8\xff\xe0", "姓名,身份证号\n王五,3301061990030712²6\n".encode("utf-16"),
                   b"\xef\xbb\xbf=cmd|' /C calc'!A0,\x00\n", b"\x00" * 64]

upload = st.builds(
    lambda name, content: SimpleUploadedFile(name, content),
    st.sampled_from(UPLOAD_NAMES), st.one_of(st.sampled_from(UPLOAD_CONTENTS), st.binary(max_size=64)))


def uploads(names):
    """For each file input, an upload or nothing."""
    return st.fixed_dictionaries({name: st.one_of(st.just([]), upload.map(lambda file: [file]))
                                  for name in sorted(names)})
