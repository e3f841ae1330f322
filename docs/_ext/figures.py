"""Draws the documentation's pictures from the bundled dataset, at every docs build.

Hooked on ``builder-inited``, so the pictures never drift from the data: the ratings of each
episode (docs/data-model.md) and the airings in a few time zones (docs/schedules.md). They are
written as PNG into ``docs/_static/generated/`` (ignored by git and left out of the sdist); a
file is rewritten only when its bytes change, so an incremental build stays incremental.

Only the library's public API is used, and matplotlib's object API on the Agg canvas (no pyplot
state, no display).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from sphinx.application import Sphinx
from sphinx.util import logging

import nevertheless_data as nd


def _episodes(ds: nd.Dataset) -> list[nd.Episode]:
    """The dataset's episode records, by number."""
    return [ds.episodes[number] for number in sorted(ds.episodes)]


OUTPUT = Path("_static") / "generated"  # Relative to the docs source directory.

# The zones of the airings picture, drawn top to bottom: the broadcaster's, then a few where the
# drama's audience watched the Netflix release.
ZONES = ("Asia/Seoul", "Asia/Kuala_Lumpur", "Europe/London", "America/New_York")

_BAR = "#3b6ea8"
_MISSING = "#9a9a9a"
_PLATFORM_STYLES = (("#c0392b", "o"), ("#2471a3", "D"), ("#1e8449", "s"), ("#7d3c98", "^"))

logger = logging.getLogger(__name__)


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=150, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


# --- the ratings per episode -------------------------------------------------------------------


def ratings_figure(ds: nd.Dataset) -> Figure:
    """A bar per episode with its rating; an episode without one is marked as such."""
    episodes = _episodes(ds)
    rated = [episode for episode in episodes if episode.rating is not None]
    measures = sorted({episode.rating.measure for episode in rated if episode.rating})
    top = max((episode.rating.percent for episode in rated if episode.rating), default=1.0)

    fig = _figure(8, 4.2)
    ax = fig.subplots()
    for episode in episodes:
        if episode.rating is None:
            ax.bar(episode.number, top * 0.04, color="none", edgecolor=_MISSING, hatch="///")
            ax.text(
                episode.number,
                top * 0.07,
                "no rating\nin the data",
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=_MISSING,
            )
            continue
        percent = episode.rating.percent
        ax.bar(episode.number, percent, color=_BAR, width=0.7)
        ax.text(episode.number, percent + top * 0.015, f"{percent:g}%", ha="center", va="bottom")
    ax.set_xticks(
        [episode.number for episode in episodes],
        [f"{episode.number}\n{episode.air_date:%d %b}" for episode in episodes],
    )
    ax.set_xlabel("Episode and its original broadcast date")
    ax.set_ylabel("Rating (%)")
    ax.set_ylim(0, top * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"{ds.show.title}: {' / '.join(measures) or 'audience'} rating per episode")
    return fig


# --- the airings in several zones --------------------------------------------------------------


def airings_figure(ds: nd.Dataset, zones: Sequence[str] = ZONES) -> Figure:
    """Each zone's local times of the preferred schedule's airings, on one row per zone.

    The x axis is the hour of the local day, counted from the date of the episode's first
    airing in the first zone, so an airing that falls on the next day there sits past 24:00.
    """
    preferred = ds.schedule.preferred
    anchor: dict[int, dt.date] = {}
    for airing in preferred.in_zone(zones[0]).airings():
        day = airing.start.date()
        anchor[airing.episode] = min(anchor.get(airing.episode, day), day)
    # One style per slot, as its platform and region: "JTBC (KR)".
    slots = list(dict.fromkeys(_slot(airing) for airing in preferred.airings()))
    styles = dict(zip(slots, _PLATFORM_STYLES * len(slots), strict=False))

    fig = _figure(9, 1.1 + 0.95 * len(zones))
    ax = fig.subplots()
    hours: list[float] = []
    for row, zone in enumerate(zones):
        y = len(zones) - 1 - row
        marks: dict[tuple[str, float], str] = {}
        abbreviations: dict[str, None] = {}
        for airing in preferred.in_zone(zone).airings():
            start = airing.start
            days = (start.date() - anchor[airing.episode]).days
            hour = days * 24 + start.hour + start.minute / 60
            marks[(_slot(airing), hour)] = f"{start:%a %H:%M}"
            abbreviations[start.strftime("%Z")] = None
        for (slot, hour), label in marks.items():
            color, marker = styles[slot]
            ax.plot(hour, y, marker=marker, color=color, markersize=9, linestyle="none")
            above = slots.index(slot) % 2 == 0
            ax.annotate(
                label,
                (hour, y),
                xytext=(0, 9 if above else -9),
                textcoords="offset points",
                ha="center",
                va="bottom" if above else "top",
                fontsize=8.5,
                color=color,
            )
            hours.append(hour)
        ax.axhline(y, color="#e5e5e5", linewidth=0.8, zorder=0)
        ax.text(
            -0.01,
            y,
            f"{zone}\n({'/'.join(abbreviations)})",
            transform=ax.get_yaxis_transform(),
            ha="right",
            va="center",
            fontsize=9,
        )

    low = 3 * (int(min(hours, default=0)) // 3) - 3
    high = 3 * (int(max(hours, default=24)) // 3 + 1) + 3
    ax.set_xlim(low, high)
    ax.set_ylim(-0.7, len(zones) - 0.3)
    ax.set_yticks([])
    ticks = range(low, high + 1, 3)
    ax.set_xticks(list(ticks), [f"{tick % 24:02d}:00" for tick in ticks])
    first = min(anchor.values()) if anchor else None
    for midnight in range(24 * (low // 24 + 1), high, 24):
        ax.axvline(midnight, color="#888888", linewidth=0.8, linestyle="--")
    for offset in range(low // 24, high // 24 + 1):
        middle = min(max(offset * 24 + 12, low + 2), high - 2)
        name = (first + dt.timedelta(days=offset)).strftime("%A") if first else f"day {offset}"
        ax.text(middle, len(zones) - 0.45, name, ha="center", va="bottom", fontsize=9)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("Local time")
    handles = [
        ax.plot([], [], marker=styles[slot][1], color=styles[slot][0], linestyle="none")[0]
        for slot in slots
    ]
    ax.legend(handles, slots, loc="lower right", fontsize=8.5, frameon=False)
    episodes = sorted(anchor)
    span = f"episodes {episodes[0]}-{episodes[-1]}" if episodes else "no episodes"
    ax.set_title(f"{ds.show.title}: the weekly airings in local time ({span})", fontsize=11)
    return fig


def _slot(airing: nd.Airing) -> str:
    return f"{airing.platform} ({airing.region})"


# --- Sphinx ------------------------------------------------------------------------------------

FIGURES: dict[str, Callable[[nd.Dataset], Figure]] = {
    "ratings.png": ratings_figure,
    "airings.png": airings_figure,
}


def render(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No Software or date metadata: the same data gives the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def write_figures(app: Sphinx) -> None:
    directory = Path(app.srcdir) / OUTPUT
    directory.mkdir(parents=True, exist_ok=True)
    ds = nd.load()
    for name, draw in FIGURES.items():
        data = render(draw(ds))
        path = directory / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            logger.info("figures: wrote %s", path)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", write_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
