"""Charts of the corpus as SVG, PNG or PDF files, with matplotlib (the optional ``charts`` extra).

Imported only by ``vncoop chart``. Every chart is labelled: a title, axis labels, a legend where
colours mean something, and a caption naming the vncoop version, how many facts it counts and
the day it was drawn.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vncoop import __version__
from vncoop.domain.facets import DIMENSIONS, UNDATED, facets
from vncoop.domain.partners import partner_name
from vncoop.domain.records import FactDict
from vncoop.errors import UsageError
from vncoop.text.i18n import tr

CHARTS = ("timeline", "partners", "sectors", "kinds")
SUFFIXES = (".svg", ".png", ".pdf")
TOP_PARTNERS = 6  # partners drawn apart in the timeline; the rest are "other partners"


def chart_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            tr(
                "cannot draw a chart into {path}; use one of: {choices}",
                path=repr(str(path)),
                choices=", ".join(SUFFIXES),
            )
        )
    return suffix[1:]


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise UsageError(tr("charts need matplotlib: pip install 'vncoop[charts]'")) from None
    matplotlib.use("Agg")  # files only: never a window
    import matplotlib.pyplot as plt

    return plt


def draw(chart: str, facts: Sequence[FactDict], path: Path) -> None:
    """Draw ``chart`` of ``facts`` into ``path`` (its extension picks the format)."""
    fmt = chart_format(path)
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(9, 5.5), layout="constrained")
    if chart == "timeline":
        _timeline(axes, facts)
    else:
        name = {"partners": "partner", "sectors": "sector", "kinds": "kind"}[chart]
        counts = facets(facts, [name])[name]
        labels = [f"{partner_name(code)} ({code})" if name == "partner" else code for code in counts]
        axes.barh(labels[::-1], list(counts.values())[::-1], color="#2f6f9f")
        axes.set_xlabel("facts")
        axes.set_ylabel(name)
        axes.set_title(f"Facts per {name}")
        axes.xaxis.get_major_locator().set_params(integer=True)
        if name != "kind":
            note = "a fact with several counts under each"
            axes.text(0.99, 0.01, note, transform=axes.transAxes, ha="right", va="bottom", fontsize=8, color="#555")
    caption = f"vncoop {__version__} · {len(facts)} facts · drawn {datetime.date.today()}"
    figure.text(0.01, 0.005, caption, fontsize=8, color="#555")
    figure.savefig(path, format=fmt)
    plt.close(figure)


def _timeline(axes: Any, facts: Sequence[FactDict]) -> None:
    """Facts per year, stacked by partner: the most frequent partners apart, the rest together."""
    year_of = DIMENSIONS["year"]
    partners_of = DIMENSIONS["partner"]
    years = sorted({y for f in facts for y in year_of(f) if y != UNDATED}, key=int)
    overall = Counter(code for f in facts for code in partners_of(f))
    top = [code for code, _ in overall.most_common(TOP_PARTNERS)]
    groups = [*top, "other partners", "no partner"]
    counts = {group: [0] * len(years) for group in groups}
    for fact in facts:
        year = year_of(fact)[0]
        if year == UNDATED:
            continue
        column = years.index(year)
        codes = partners_of(fact)
        for code in codes or ["no partner"]:
            counts[code if code in top or code == "no partner" else "other partners"][column] += 1
    bottom = [0] * len(years)
    for group in groups:
        if not any(counts[group]):
            continue
        label = f"{partner_name(group)} ({group})" if group in top else group
        axes.bar(years, counts[group], bottom=bottom, label=label)
        bottom = [b + c for b, c in zip(bottom, counts[group], strict=True)]
    axes.set_xlabel("year")
    axes.set_ylabel("facts (a fact with several partners counts under each)")
    axes.set_title("Facts per year, by partner (undated facts left out)")
    axes.yaxis.get_major_locator().set_params(integer=True)
    if years:
        axes.legend(title="partner", fontsize=8)
