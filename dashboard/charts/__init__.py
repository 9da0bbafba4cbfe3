"""Pure chart builders, one module per chart family: frames in, a Plotly `go.Figure` (`fig`) out, one shared look.

The names pages and views use are re-exported here, so callers write `charts.trend(...)`; the rest stays in
its module (`theme`: template, colours, source line; `text`: escaping and line breaking).
"""

from dashboard.charts.bars import compare_bars
from dashboard.charts.coverage import coverage_matrix
from dashboard.charts.plan_actual import plan_vs_actual
from dashboard.charts.theme import HUB_PALETTE, figure_ids, hub_colors, source_line
from dashboard.charts.timeline import timeline
from dashboard.charts.trend import SCALES, index_rows, log_applies, scale_options, trend

__all__ = [
    "HUB_PALETTE",
    "SCALES",
    "compare_bars",
    "coverage_matrix",
    "figure_ids",
    "hub_colors",
    "index_rows",
    "log_applies",
    "plan_vs_actual",
    "scale_options",
    "source_line",
    "timeline",
    "trend",
]
