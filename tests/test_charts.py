"""kg.charts: the timeline as a PNG and as an interactive HTML page, and `kg timeline`'s choice between them."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kg.analysis import TimelineRow, timeline
from kg.charts import plot_timeline, slots, timeline_figure, timeline_html
from kg.cli import app
from kg.errors import InvalidFilter


def row(month: str, vc: int = 0, mc: int = 0, vf: int = 0, mf: int = 0, net: float = 0.0) -> TimelineRow:
    return TimelineRow(month, vc, mc, vf, mf, net)


def months(first_year: int, n: int) -> list[str]:
    return [f"{first_year + (m // 12)}-{m % 12 + 1:02d}" for m in range(n)]


# two busy months four years apart, like a corpus with a burst of coverage on each of two crises
SPARSE = [row("2015-09", vc=2, mf=1, net=-1.5), row("2015-10", vc=1, net=1.0)]
SPARSE += [row(m) for m in months(2015, 12 * 5)[10:58]]
SPARSE += [row("2019-11", mf=3, net=-20.0), row("2019-12"), row("2020-01", vf=1, net=-2.0)]


def test_long_runs_of_empty_months_become_one_slot():
    axis = slots(SPARSE)
    assert [s.label for s in axis] == [
        "2015-09",
        "2015-10",
        "2015-11 … 2019-10",
        "2019-11",
        "2019-12",  # a short quiet spell stays as it is
        "2020-01",
    ]
    assert axis[2].row is None and axis[4].row is not None
    assert slots([row("2015-01"), row("2015-02", vc=1)], gap=0)[0].label == "2015-01 … 2015-01"


def test_png_axes_span_the_data_and_the_legend_is_outside_them():
    fig = timeline_figure(SPARSE, title="Sparse")
    fig.draw_without_rendering()
    ax, twin = fig.axes
    assert ax.get_xlim() == (-0.6, 5.6)  # six slots, not 53 months
    low, high = ax.get_ylim()
    assert low < -3 and high > 2  # at most 3 conflict statements a month, 2 of cooperation
    assert (-3 - low) + (high - 2) <= 0.25 * (high - low)  # little empty space above and below the bars
    net_low, net_high = twin.get_ylim()
    assert net_low <= -20 and abs(net_low / net_high - low / high) < 1e-9  # the two zeros are level
    legend = fig.legends[0].get_window_extent()
    for axes in (ax, twin):
        assert not legend.overlaps(axes.get_window_extent())
    assert {t.get_text() for t in fig.legends[0].get_texts()} >= {"material conflict", "net Goldstein score"}


def test_png_is_written_atomically(dataset, tmp_path):
    target = tmp_path / "timeline.png"
    target.write_bytes(b"old")
    assert plot_timeline(timeline(dataset, "Russia"), target, title="Russia <test>") == target
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.png"]
    with pytest.raises(InvalidFilter):
        plot_timeline([], tmp_path / "empty.png")
    assert not (tmp_path / "empty.png").exists()


HOSTILE = 'Russia <img src=x onerror=alert(1)></script><script>alert("t")</script>'


def test_html_chart_is_self_contained_and_shows_the_title_as_text(tmp_path):
    target = tmp_path / "timeline.html"
    assert timeline_html(SPARSE, target, title=HOSTILE) == target
    page = target.read_text(encoding="utf-8")
    assert "<img" not in page and "<script>alert" not in page
    assert re.search(r"<title>Russia &lt;img src=x onerror=alert\(1\)&gt;", page)
    assert not re.search(r"<script[^>]+src=|<link|<iframe", page)  # (the browser test watches requests)
    assert "default-src &#39;none&#39;" in page and len(page) > 1_000_000  # no fetch; plotly.js inlined
    assert "2015-11 \\u2026 2019-10" in page  # the gap slot, in the chart's JSON
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]


def test_cli_timeline_writes_png_or_html_by_suffix(dataset, tmp_path):
    trig = tmp_path / "graph.trig"
    dataset.serialize(trig, format="trig")
    runner = CliRunner()
    html_out = tmp_path / "t.html"
    result = runner.invoke(app, ["timeline", "Russia", str(trig), "-o", str(html_out)])
    assert result.exit_code == 0, result.output
    assert html_out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["timeline", "Russia", str(trig), "-o", str(tmp_path / "t.svg")])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        "error[E000]: cannot write a chart to 't.svg': use a .png or .html file"
    ]
    assert not (tmp_path / "t.svg").exists()
