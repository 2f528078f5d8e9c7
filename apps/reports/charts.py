"""Charts drawn on the server as SVG by pygal, shown as ``<img src="data:image/svg+xml;…">``.

Why an image and not inline SVG: pygal puts a ``<style>`` element (and a config ``<script>``)
in its SVG. Inline in the page, the strict CSP (no inline styles or scripts) would block
them; an SVG *image* is its own document whose scripts never run, and ``img-src`` allows
``data:``. The config script is removed anyway (pygal's interactive JS is not served), so
the image is static. Every chart on a page also has a table of the same numbers.
"""

import base64
import re

import pygal
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="#ffffff",
    font_family='"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif',
    colors=("#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#ffc107"),
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
    title_font_size=15,
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _options(**extra):
    return {"style": STYLE, "js": [], "disable_xml_declaration": True, "width": 640, "height": 360,
            "print_values": False, "show_y_guides": True, "legend_at_bottom": True, **extra}


def _data_uri(chart) -> str:
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def bar_chart(labels, series, *, horizontal=False, stacked=False) -> str:
    """``series``: [(name, [value per label])]. Returns the image's data URI."""
    kind = {(False, False): pygal.Bar, (True, False): pygal.HorizontalBar,
            (False, True): pygal.StackedBar, (True, True): pygal.HorizontalStackedBar}[horizontal, stacked]
    chart = kind(**_options(x_label_rotation=0 if horizontal else 30, show_legend=len(series) > 1))
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), [float(value) for value in values])
    return _data_uri(chart)


def pie_chart(slices) -> str:
    """``slices``: [(label, value)], zero slices left out."""
    chart = pygal.Pie(**_options(inner_radius=0.45, legend_at_bottom=False))
    for label, value in slices:
        if value:
            chart.add(str(label), [float(value)])
    return _data_uri(chart)


def line_chart(labels, series, *, secondary=()) -> str:
    """Lines per series; names in ``secondary`` are drawn against the right-hand axis."""
    chart = pygal.Line(**_options(x_label_rotation=30, show_legend=True))
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), [float(value) for value in values], secondary=name in secondary)
    return _data_uri(chart)
