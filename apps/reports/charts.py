"""Charts drawn on the server as SVG by pygal, shown as ``<img src="data:image/svg+xml;…">``.

Why an image and not inline SVG: pygal puts a ``<style>`` element (and a config ``<script>``)
in its SVG. Inline in the page, the strict CSP (no inline styles or scripts) would block
them; an SVG *image* is its own document whose scripts never run, and ``img-src`` allows
``data:``. The config script is removed anyway (pygal's interactive JS is not served), so
the image is static. Every chart on a page also has a table of the same numbers.

Drawing is a pure function of the labels and numbers (pygal takes ~10 ms a chart), so each
process keeps the last few hundred drawn charts: a dashboard whose figures did not change is
not drawn again. The cache key is the text and the numbers themselves, so a changed figure
or another language draws a new chart.
"""

import base64
import functools
import math
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


def _texts(values):
    return tuple(str(value) for value in values)


def _series(series):
    return tuple((str(name), tuple(float(value) for value in values)) for name, values in series)


def bar_chart(labels, series, *, horizontal=False, stacked=False) -> str:
    """``series``: [(name, [value per label])]. Returns the image's data URI."""
    return _bar_chart(_texts(labels), _series(series), horizontal, stacked)


def pie_chart(slices) -> str:
    """``slices``: [(label, value)], zero slices left out."""
    return _pie_chart(tuple((str(label), float(value)) for label, value in slices if value))


def line_chart(labels, series, *, secondary=()) -> str:
    """Lines per series; names in ``secondary`` are drawn against the right-hand axis."""
    return _line_chart(_texts(labels), _series(series), frozenset(_texts(secondary)))


def _nice_step(raw):
    """The smallest whole step of 1, 2 or 5 × 10ⁿ that is at least ``raw``."""
    step = 1
    while step < raw:
        magnitude = 10 ** int(math.log10(step))
        step = next(m * magnitude for m in (2, 5, 10) if m * magnitude > step)
    return step


def nice_ticks(top, most=8):
    """0, step, 2·step … up to the first tick at or above ``top`` (at most ``most`` + 1 ticks)."""
    step = _nice_step(max(top, 1) / most)
    return list(range(0, math.ceil(max(top, 1) / step) * step + 1, step))


def integer_ticks(values, most=8):
    """Axis ticks for counts (every value a whole number): pygal's own ticks would show 0.2,
    0.4 … organizations when the counts are small. None otherwise (pygal chooses)."""
    values = [v for v in values if v is not None]
    if not values or any(v != int(v) or v < 0 for v in values):
        return None
    return nice_ticks(int(max(values)), most)


def _label(value):
    """Axis labels: whole numbers without decimals, others with one."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


@functools.lru_cache(maxsize=256)
def _bar_chart(labels, series, horizontal, stacked):
    kind = {(False, False): pygal.Bar, (True, False): pygal.HorizontalBar,
            (False, True): pygal.StackedBar, (True, True): pygal.HorizontalStackedBar}[horizontal, stacked]
    ticks = None if stacked else integer_ticks([v for _name, values in series for v in values])
    chart = kind(**_options(x_label_rotation=0 if horizontal else 30, show_legend=len(series) > 1,
                            **({"y_labels": ticks} if ticks else {})))
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    return _data_uri(chart)


@functools.lru_cache(maxsize=256)
def _pie_chart(slices):
    chart = pygal.Pie(**_options(inner_radius=0.45, legend_at_bottom=False))
    for label, value in slices:
        chart.add(label, [value])
    return _data_uri(chart)


@functools.lru_cache(maxsize=256)
def _line_chart(labels, series, secondary):
    # Whole-number ticks on both axes: the right-hand axis spans the same number of steps as the
    # left one, so its labels are whole steps too (pygal divides the range evenly: 30939.06667).
    primary = [v for name, values in series if name not in secondary for v in values]
    ticks = nice_ticks(max([*primary, 0]))
    extra = {"y_labels": ticks, "value_formatter": _label}
    others = [v for name, values in series if name in secondary for v in values]
    if others:
        step = _nice_step(max([*others, 1]) / (len(ticks) - 1))
        extra["secondary_range"] = (0, step * (len(ticks) - 1))
    chart = pygal.Line(**_options(x_label_rotation=30, show_legend=True, **extra))
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values), secondary=name in secondary)
    return _data_uri(chart)
