"""The report's chart image (matplotlib, Agg backend, bundled DejaVu font: å ä ö render anywhere): one
horizontal stacked bar of grade shares per group, in the scale's colours and, so that it reads printed in
black and white, a hatch pattern per step, the share written on each wide enough segment, and "no grade"
white with dots."""
from __future__ import annotations

import io

from seuranta_xl.core.summary import Group
from seuranta_xl.outputs.report.model import Report, report_text

# One pattern per step from the lowest; the top step solid; "no grade" dotted on white.
HATCHES = ("xxx", "///", "---", "\\\\\\", "++", "||", "..")
NO_GRADE_HATCH = "..."
EDGE = "#404040"


def hatches(n_steps: int) -> list[str]:
    """The hatch of each step (the last, "done", solid) and of no grade."""
    steps = [HATCHES[i % len(HATCHES)] for i in range(n_steps - 1)] + [""]
    return steps + [NO_GRADE_HATCH]


def chart_png(report: Report, groups: list[Group], title: str, width_cm: float = 16.0) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["hatch.linewidth"] = 0.6
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    lang = report.lang
    names = [g.name for g in groups]
    labels = [st.value for st in report.s.scale.steps] + [report_text("no_grade", lang)]
    n = len(groups)
    fig = Figure(figsize=(width_cm / 2.54, 1.3 + 0.38 * n), dpi=170)
    ax = fig.add_subplot()
    left = [0.0] * n
    for i, (label, colour, hatch) in enumerate(zip(labels, report.colours(), hatches(len(labels) - 1), strict=True)):
        values = [report.shares(g)[i] for g in groups]
        bars = ax.barh(names, values, left=left, color=colour, edgecolor=EDGE, linewidth=0.5, label=label,
                       height=0.65, hatch=hatch)
        for bar, v, x in zip(bars, values, left, strict=True):
            if v >= 0.07:
                ax.text(x + v / 2, bar.get_y() + bar.get_height() / 2, report.share_text(v), ha="center",
                        va="center", fontsize=7, color="#000000",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: report.share_text(x)))
    ax.tick_params(labelsize=7.5)
    ax.set_title(title, fontsize=9.5, fontweight="bold", loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(ncol=len(labels), fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False,
              handlelength=2.2, handleheight=1.2)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
