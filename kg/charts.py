"""Charts of :func:`kg.analysis.timeline`: a PNG (matplotlib) and an interactive, offline HTML page (plotly).

Both draw the same slots: one per month from the first to the last dated statement, except that a run of
more than :data:`GAP_MONTHS` empty months becomes one narrow "no statements" slot, so that a few busy
months years apart do not leave most of the axis empty. Cooperation is stacked above zero, conflict below,
and the net Goldstein score is a line on a second axis whose zero is aligned with the bars'.

>>> from kg.analysis import TimelineRow
>>> rows = [TimelineRow("2015-01", 1, 0, 0, 0, 1.0)] + [TimelineRow(f"2015-{m:02d}", 0, 0, 0, 0, 0.0)
...     for m in range(2, 12)] + [TimelineRow("2015-12", 0, 0, 2, 0, -4.0)]
>>> [slot.label for slot in slots(rows)]
['2015-01', '2015-02 … 2015-11', '2015-12']
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from kg.analysis import QUAD_COLOURS, QUADS, TimelineRow, quad_label
from kg.errors import InvalidFilter
from kg.store import write_atomic

GAP_MONTHS = 3
"""Runs of more empty months than this are drawn as a single gap slot."""

NET_COLOUR = "#1d3557"
Y_LABEL = "statements per month (conflict below 0)"
NET_LABEL = "net cooperation - conflict (Goldstein)"

__all__ = ["GAP_MONTHS", "Slot", "plot_timeline", "slots", "timeline_figure", "timeline_html"]


@dataclass(frozen=True)
class Slot:
    """One place on the x axis: a month's row, or ``row=None`` for a run of empty months."""

    label: str
    row: TimelineRow | None


def slots(rows: list[TimelineRow], gap: int = GAP_MONTHS) -> list[Slot]:
    """The x axis of the charts: ``rows`` in order, each run of more than ``gap`` empty months as one slot.

    >>> rows = [TimelineRow("2020-01", 1, 0, 0, 0, 1.0), TimelineRow("2020-02", 0, 0, 0, 0, 0.0),
    ...         TimelineRow("2020-03", 0, 0, 0, 1, -10.0)]
    >>> [(s.label, s.row is None) for s in slots(rows, gap=0)]
    [('2020-01', False), ('2020-02 … 2020-02', True), ('2020-03', False)]
    """
    out: list[Slot] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and not rows[j].total:
            j += 1
        if j - i > gap:
            out.append(Slot(f"{rows[i].month} … {rows[j - 1].month}", None))
        else:
            out.extend(Slot(r.month, r) for r in rows[i:j])
        if j < len(rows):
            out.append(Slot(rows[j].month, rows[j]))
        i = j + 1
    return out


def _series(axis: list[Slot]) -> dict[str, list[float]]:
    """Per quad class the bar heights (conflict negative), and ``net`` (NaN in gap slots)."""
    series = {
        q: [0.0 if s.row is None else float(getattr(s.row, q)) * (-1 if "Conflict" in q else 1) for s in axis]
        for q in QUADS
    }
    series["net"] = [math.nan if s.row is None else s.row.net for s in axis]
    return series


def _limits(series: dict[str, list[float]]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Y limits of the bars and of the net line: both span their data, with the two zeros level."""
    up = [sum(series[q][i] for q in QUADS if "Cooperation" in q) for i in range(len(series["net"]))]
    down = [sum(series[q][i] for q in QUADS if "Conflict" in q) for i in range(len(series["net"]))]
    hi, lo = max(up, default=0.0), min(down, default=0.0)
    pad = 0.12 * max(hi - lo, 1.0)
    bars = (lo - pad, hi + pad)
    net = [v for v in series["net"] if not math.isnan(v)]
    scale = 1.12 * max([v / bars[1] for v in net if v > 0] + [v / bars[0] for v in net if v < 0] + [1e-9])
    return bars, (bars[0] * scale, bars[1] * scale)


def timeline_figure(rows: list[TimelineRow], *, title: str | None = None):
    """The matplotlib ``Figure`` of ``rows``: bars per quad class, the net score, the legend below the axes.

    >>> fig = timeline_figure([TimelineRow("2022-02", 0, 0, 1, 2, -24.4)], title="Russia")
    >>> [ax.get_ylabel() for ax in fig.axes] == [Y_LABEL, NET_LABEL], len(fig.legends)
    (True, 1)
    """
    if not rows:
        raise InvalidFilter("nothing to plot: no dated interaction statements for this selection")
    from matplotlib.figure import Figure

    axis = slots(rows)
    series = _series(axis)
    x = list(range(len(axis)))
    fig = Figure(figsize=(min(14.0, max(7.0, 0.35 * len(axis) + 3)), 5.2), dpi=120)
    ax = fig.add_subplot()
    up, down = [0.0] * len(axis), [0.0] * len(axis)
    for quad in QUADS:
        bottom = up if "Cooperation" in quad else down
        ax.bar(x, series[quad], bottom=bottom, width=0.8, color=QUAD_COLOURS[quad], label=quad_label(quad))
        for i, v in enumerate(series[quad]):
            bottom[i] += v
    for i, slot in enumerate(axis):
        if slot.row is None:
            ax.axvspan(i - 0.4, i + 0.4, facecolor="#eeeeee", hatch="//", edgecolor="#cccccc", linewidth=0)
    ax.axhline(0, color="#444", linewidth=0.8)
    bars, net = _limits(series)
    ax.set_xlim(-0.6, len(axis) - 0.4)
    ax.set_ylim(*bars)
    ax.set_ylabel(Y_LABEL)
    step = max(1, math.ceil(len(axis) / 24))
    ticks = [i for i in x if i % step == 0 or axis[i].row is None]
    ax.set_xticks(ticks, [axis[i].label for i in ticks], rotation=45, ha="right", fontsize=8)
    twin = ax.twinx()
    marker = "o" if len(axis) <= 48 else None
    twin.plot(
        x,
        series["net"],
        color=NET_COLOUR,
        marker=marker,
        markersize=4,
        linewidth=1.4,
        label="net Goldstein score",
    )
    twin.set_ylim(*net)
    twin.set_ylabel(NET_LABEL)
    ax.set_title(title or "Cooperation and conflict per month")
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    fig.legend(handles + h2, labels + l2, loc="lower center", ncol=5, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def plot_timeline(rows: list[TimelineRow], path: str | Path, *, title: str | None = None) -> Path:
    """Draw ``rows`` (from :func:`kg.analysis.timeline`) as a PNG, written atomically.

    >>> rows = [TimelineRow("2022-02", 0, 0, 1, 2, -24.4), TimelineRow("2022-03", 2, 1, 0, 0, 13.5)]
    >>> plot_timeline(rows, "timeline.png", title="Russia")  # doctest: +SKIP
    PosixPath('timeline.png')
    """
    fig = timeline_figure(rows, title=title)
    path = Path(path)
    write_atomic(path, lambda fh: fig.savefig(fh, format="png"))
    return path


CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:"
"""No network access (plotly.js is inlined); 'unsafe-eval' because plotly.js compiles some functions."""

_PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<title>{{ title }}</title>
<style>html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }</style>
</head>
<body>
{{ chart }}
</body>
</html>
"""
)


def timeline_html(rows: list[TimelineRow], path: str | Path, *, title: str | None = None) -> Path:
    """Write ``rows`` as an interactive chart (plotly: hover, zoom, toggle a class in the legend), offline.

    The page inlines plotly.js and loads nothing; the title is shown as text (plotly would read tags in it).

    >>> rows = [TimelineRow("2022-02", 0, 0, 1, 2, -24.4), TimelineRow("2022-03", 2, 1, 0, 0, 13.5)]
    >>> timeline_html(rows, "timeline.html", title="Russia")  # doctest: +SKIP
    PosixPath('timeline.html')
    """
    if not rows:
        raise InvalidFilter("nothing to plot: no dated interaction statements for this selection")
    import plotly.graph_objects as go

    title = title or "Cooperation and conflict per month"
    axis = slots(rows)
    series = _series(axis)
    labels = [s.label for s in axis]
    fig = go.Figure()
    for quad in QUADS:
        counts = [abs(v) for v in series[quad]]
        fig.add_bar(
            x=labels,
            y=series[quad],
            name=quad_label(quad),
            marker_color=QUAD_COLOURS[quad],
            customdata=counts,
            hovertemplate="%{x}: %{customdata} statements<extra>%{fullData.name}</extra>",
        )
    fig.add_scatter(
        x=labels,
        y=series["net"],
        name="net Goldstein score",
        yaxis="y2",
        mode="lines+markers",
        line={"color": NET_COLOUR},
        connectgaps=False,
    )
    bars, net = _limits(series)
    fig.update_layout(
        title={"text": html.escape(title)},
        barmode="relative",
        yaxis={"title": {"text": Y_LABEL}, "range": list(bars), "zeroline": True},
        yaxis2={
            "title": {"text": NET_LABEL},
            "overlaying": "y",
            "side": "right",
            "range": list(net),
            "tickmode": "auto",
            "showgrid": False,
        },
        xaxis={"type": "category", "tickangle": -45},
        legend={"orientation": "h", "y": -0.3},
        template="plotly_white",
        hovermode="x unified",
    )
    chart = fig.to_html(full_html=False, include_plotlyjs=True, config={"displaylogo": False})
    page = _PAGE.render(csp=CSP, title=title, chart=Markup(chart))
    path = Path(path)
    write_atomic(path, lambda fh: fh.write(page.encode("utf-8")))
    return path
