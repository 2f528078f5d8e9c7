"""Charts are drawn once per distinct set of labels and numbers (per process)."""

import base64
from decimal import Decimal

from apps.reports import charts


def _svg(uri):
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_the_same_figures_are_drawn_once_and_changed_figures_anew():
    charts._bar_chart.cache_clear()
    first = charts.bar_chart(["宝石社区", "葛岭社区"], [("活动", [3, Decimal("4.50")])])
    again = charts.bar_chart(["宝石社区", "葛岭社区"], [("活动", [3.0, 4.5])])
    assert again == first and charts._bar_chart.cache_info().hits == 1
    changed = charts.bar_chart(["宝石社区", "葛岭社区"], [("活动", [3, 5])])
    assert changed != first and charts._bar_chart.cache_info().misses == 2
    assert "宝石社区" in _svg(first) and "<script" not in _svg(first)


def test_pie_leaves_out_zero_slices_and_line_keeps_its_secondary_axis():
    assert "空" not in _svg(charts.pie_chart([("有", 3), ("空", 0)]))
    line = charts.line_chart(["2026-01", "2026-02"], [("时长", [1, 2]), ("人数", [3, 4])], secondary={"人数"})
    assert line != charts.line_chart(["2026-01", "2026-02"], [("时长", [1, 2]), ("人数", [3, 4])])


def test_count_axes_have_whole_number_ticks():
    assert charts.integer_ticks([0, 1, 3]) == [0, 1, 2, 3]
    assert charts.integer_ticks([7, 45]) == [0, 10, 20, 30, 40, 50]
    assert charts.integer_ticks([0, 0]) == [0, 1]
    assert charts.integer_ticks([1234]) == [0, 200, 400, 600, 800, 1000, 1200, 1400]
    assert charts.integer_ticks([1.5, 2]) is None  # hours and yuan: pygal's own ticks
    svg = _svg(charts.bar_chart(["宝石社区", "葛岭社区"], [("活动", [1, 2])]))
    assert ">0.2<" not in svg and ">1.5<" not in svg and ">2<" in svg


def test_both_axes_of_a_line_chart_have_whole_number_labels():
    line = _svg(charts.line_chart(["2026-01", "2026-02"], [("时长", [1500.5, 150000]), ("人数", [300, 33149])],
                                  secondary={"人数"}))
    import re

    labels = set(re.findall(r"<text[^>]*>(\d+(?:\.\d+)?)</text>", line))  # axis labels, not point data
    assert {"0", "20000", "160000"} <= labels and "5000" in labels  # 8 steps of 20000 and of 5000
    assert not [label for label in labels if "." in label]
