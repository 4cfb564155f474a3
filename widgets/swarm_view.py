"""Swarm timing explorer: an Exhibit A on a timeline, each court's joinder ruling beside it.

Controls: an example exhibit or an upload; the assumed hours each Doe stays; moving one
Doe in time or adding one; what the complaint alleges. Every change makes one engine call
(:func:`course.exhibit_facts.joinder_rulings`) and redraws. The chart is drawn after the
rulings and always has a text summary beside it.

For speed the chart (a :class:`widgets.plot.PlotlyChart`, which loads plotly.js by URL rather
than through the kernel) is created only once the page has shown the explorer: a hidden widget
tells the kernel it was rendered, and the chart follows. The rulings and controls are
interactive before plotly.js has loaded; the kernel never imports plotly.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from html import escape

import anywidget
import ipywidgets as W
import traitlets

from course import exhibit_facts as ef
from course import swarm
from course.exhibit import ExhibitError, ExhibitLoad, Observation, parse_exhibit_bytes
from course import registry

from .explorer import FRIENDLY
from .a11y import labeller
from . import shared
from .plot import PlotlyChart
from .ruling_view import CSS, ruling_html, summary_table_html

log = logging.getLogger(__name__)

MAX_DRAWN = 300  # Does drawn on the chart; the text summary covers all of them
_WIDE = W.Layout(width="100%", max_width="46em")
BLUE, ORANGE = "#0072B2", "#E69F00"  # Okabe-Ito


def _style(widget_cls: type):
    """The page's one style for this kind of control: labels at their natural width."""
    return shared.style_for(widget_cls, description_width="initial")


_SHOWN_ESM = """
function render({ model, el }) {
  el.style.display = 'none';
  el.setAttribute('aria-hidden', 'true');
  model.send({ event: 'shown' });
}
export default { render };
"""


class _WhenShown(anywidget.AnyWidget):
    """Invisible; tells the kernel when the browser has rendered it (then the chart is drawn)."""

    _esm = traitlets.Unicode(_SHOWN_ESM).tag(sync=True)


def timeline_figure(rows, assumptions: swarm.SwarmAssumptions, moved_doe: int | None = None) -> dict:
    """The exhibit's rows as a plotly figure (plain JSON): one bar a Doe for its assumed presence,
    a diamond at its observation; the Doe being moved in orange. At most ``MAX_DRAWN`` Does."""
    p = swarm.presence_rows(rows, assumptions, limit=MAX_DRAWN)
    labels = [f"Doe {r.doe}" for r in p]
    start = [r.present_from.strftime("%Y-%m-%d %H:%M:%S") for r in p]
    seen = [r.observed_at.strftime("%Y-%m-%d %H:%M:%S") for r in p]
    width_ms = [(r.present_until - r.present_from).total_seconds() * 1000 for r in p]
    colours = [ORANGE if r.doe == moved_doe else BLUE for r in p]
    return {
        "data": [
            {"type": "bar", "name": "assumed presence", "orientation": "h", "y": labels, "x": width_ms,
             "base": start, "marker": {"color": colours}, "hovertemplate": "%{y}: %{base} for %{x} ms<extra></extra>"},
            {"type": "scatter", "name": "observed", "mode": "markers", "y": labels, "x": seen,
             "marker": {"symbol": "diamond", "size": 8, "color": "#000000"}},
        ],
        "layout": {
            "title": {"text": "Exhibit A timeline (illustrative): each bar is a Doe's assumed presence (UTC)"},
            "height": min(120 + 18 * len(p), 700), "margin": {"l": 80, "r": 20, "t": 50, "b": 40},
            "xaxis": {"type": "date", "title": {"text": "time (UTC)"}}, "yaxis": {"autorange": "reversed"},
            "showlegend": True, "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0}, "bargap": 0.3,
        },
    }


def _fmt_hours(h: float | None) -> str:
    if h is None:
        return "n/a"
    if h >= 48:
        return f"{h / 24:,.1f} days ({h:,.1f} hours)"
    return f"{h:,.2f} hours"


class SwarmTimingExplorer:
    def __init__(self, example: str = "ndill_doe29_doe38", *, session_hours: float = 1.0, chart: bool = True):
        self.base: ExhibitLoad = ef.load_example(example)
        ex = ef.EXAMPLES[example]
        self._base_allegations = ex.allegations  # what the example's complaint pleads beyond the checkboxes

        self.example = W.Dropdown(options=[(e.title, k) for k, e in ef.EXAMPLES.items()], value=example,
                                  description="Example exhibit", style=_style(W.Dropdown), layout=_WIDE)
        self.upload = W.FileUpload(accept=".csv,.xlsx", multiple=False, description="Upload an Exhibit A",
                                   layout=shared.layout(width="auto"))
        self.session = W.FloatLogSlider(value=session_hours, base=10, min=-1, max=3.2, step=0.05,
                                        description="Assumed hours each Doe stays in the swarm",
                                        style=_style(W.FloatLogSlider), layout=_WIDE, continuous_update=False,
                                        readout_format=".3g")
        self.placement = W.Dropdown(
            options=[("observed in the middle of the stay", "centred"),
                     ("joined when observed", "joined_at_observation"),
                     ("observed at any moment of the stay (most generous)", "could_have")],
            value="centred", description="Where the observation falls", style=_style(W.Dropdown), layout=_WIDE)
        self.doe = W.Dropdown(description="Doe to move", style=_style(W.Dropdown), layout=W.Layout(width="16em"))
        self.shift = W.FloatSlider(value=0, min=-500, max=500, step=0.5, description="Move it by (hours)",
                                   style=_style(W.FloatSlider), layout=_WIDE, continuous_update=False)
        self.add_at = W.BoundedFloatText(value=1.0, min=-10_000, max=10_000, step=0.5,
                                         description="New Doe: hours after the first observation",
                                         style=_style(W.BoundedFloatText), layout=W.Layout(width="26em"))
        self.add = W.Button(description="Add a Doe", tooltip="Add a Doe at that time", layout=shared.layout(width="auto"))
        self.allegations = {
            name: W.Checkbox(value=getattr(ex.allegations, name), indent=False, style=_style(W.Checkbox), layout=_WIDE,
                             description=ef.Allegations.model_fields[name].description[:1].upper()
                             + ef.Allegations.model_fields[name].description[1:])
            for name in ("same_swarm_alleged", "same_time_alleged", "direct_exchange_alleged")
        }
        self.banner = shared.html()
        self.summary = shared.html()
        self.table = shared.html()
        self.cards = shared.html()
        self.chart_box = W.Box()
        self.fig = None
        self._chart = chart
        self._chart_shown = False  # the browser has rendered the explorer: draw the chart
        self._drawn_from = None  # (rows, assumptions) of the last update, for the deferred chart
        self.rulings = {}
        shown = _WhenShown()
        shown.on_msg(lambda _w, content, _buffers: self._on_shown(content))

        self.example.observe(lambda ch: self._load_example(ch["new"]), names="value")
        self.upload.observe(lambda ch: self._upload(), names="value")
        for w in (self.session, self.placement, self.shift, *self.allegations.values()):
            w.observe(lambda ch: self.update(), names="value")
        self.doe.observe(lambda ch: self._reset_shift(), names="value")
        self.add.on_click(lambda b: self._add_doe())

        controls = W.VBox([
            shared.html("<strong>Exhibit</strong>"), self.example, self.upload,
            shared.html("<strong>Assumptions (not facts found by any court)</strong>"), self.session, self.placement,
            shared.html("<strong>Change the exhibit</strong>"), self.doe, self.shift, W.HBox([self.add_at, self.add]),
            shared.html("<strong>What the complaint alleges</strong>"), *self.allegations.values(),
        ], layout=shared.layout(width="44%", min_width="20em"))
        self.widget = W.VBox([
            shared.html(CSS), labeller(), self.banner,
            W.HBox([controls, W.VBox([self.summary, self.table], layout=shared.layout(width="54%", min_width="20em"))],
                   layout=shared.layout(flex_flow="row wrap", gap="1em")),
            self.chart_box, self.cards, shown,
        ])
        self._refresh_does()
        self.update()

    # --- exhibit changes -------------------------------------------------------------------

    def _set_exhibit(self, load: ExhibitLoad) -> None:
        self.base = load
        self._refresh_does()
        self.update()

    def _load_example(self, name: str) -> None:
        ex = ef.EXAMPLES[name]
        self._base_allegations = ex.allegations  # what the example's complaint pleads beyond the checkboxes
        for key, box in self.allegations.items():
            box.value = getattr(ex.allegations, key)
        self._set_exhibit(ef.load_example(name))

    def _upload(self) -> None:
        files = self.upload.value
        if not files:
            return
        f = files[0]
        try:
            load = parse_exhibit_bytes(bytes(f["content"]), f["name"])
        except ExhibitError as e:
            self.banner.value = f'<div class="course-friendly-error" role="alert">{escape(str(e))}</div>'
            return
        except Exception:
            log.exception("upload failed")
            self.banner.value = FRIENDLY
            return
        if load.rows_loaded < 2:
            reasons = "".join(f"<li>{escape(str(p))}</li>" for p in load.problems[:10])
            more = f"<li>and {len(load.problems) - 10} more</li>" if len(load.problems) > 10 else ""
            self.banner.value = ('<div class="course-friendly-error" role="alert">'
                                 f"{escape(load.summary())}: at least two good rows are needed."
                                 + (f" Rows not loaded:<ul>{reasons}{more}</ul>" if reasons else "") + "</div>")
            return
        self._base_allegations = ef.Allegations()  # a new complaint: the defaults, then the checkboxes
        self._set_exhibit(load)

    def _refresh_does(self) -> None:
        does = sorted(o.doe for o in self.base.rows)
        self.doe.options = [(f"Doe {d}", d) for d in does]
        self.doe.value = does[-1]
        self.shift.value = 0

    def _reset_shift(self) -> None:
        self.shift.value = 0

    def _add_doe(self) -> None:
        rows = self.base.rows
        first = min(o.observed_at for o in rows)
        added: Observation = replace(rows[0], doe=max(o.doe for o in rows) + 1, ip="192.0.2.200",
                                     row_number=max(o.row_number for o in rows) + 1,
                                     observed_at=first + dt.timedelta(hours=float(self.add_at.value)))
        self.base = replace(self.base, rows=(*rows, added), rows_read=self.base.rows_read + 1)
        self._refresh_does()
        self.update()

    def current(self) -> tuple[Observation, ...]:
        """The exhibit's rows with the chosen Doe moved by the chosen hours."""
        rows = self.base.rows
        if not self.shift.value or self.doe.value is None:
            return rows
        by = dt.timedelta(hours=float(self.shift.value))
        return tuple(replace(o, observed_at=o.observed_at + by) if o.doe == self.doe.value else o for o in rows)

    # --- the one engine call and the views ------------------------------------------------

    def update(self) -> None:
        try:
            rows = self.current()
            load = replace(self.base, rows=rows)
            assumptions = swarm.SwarmAssumptions(session_hours=float(self.session.value),
                                                 placement=self.placement.value)
            allegations = self._base_allegations.model_copy(update={k: w.value for k, w in self.allegations.items()})
            analysis = swarm.analyse(load, assumptions)
            self.rulings = ef.joinder_rulings(load, assumptions, allegations, analysis=analysis)
            self.banner.value = self._banner(self.base)  # moving a Doe changes no address, note or problem
            self.summary.value = self._summary_html(analysis)
            named = [(registry.get(t).label, r) for t, r in self.rulings.items()]
            self.table.value = summary_table_html(named)
            self.cards.value = "".join(ruling_html(r, heading=registry.get(t).label, max_quotes=1) for t, r in self.rulings.items())
            self._drawn_from = (rows, assumptions)
            if self._chart and self._chart_shown:
                self._draw(rows, assumptions)
        except ef.NotEnoughDoes as e:
            self.summary.value = f'<div class="course-friendly-error" role="alert">{escape(str(e))}</div>'
        except Exception:
            log.exception("swarm explorer update failed")
            self.summary.value = FRIENDLY

    def _on_shown(self, content) -> None:
        if not isinstance(content, dict) or content.get("event") != "shown" or self._chart_shown:
            return
        self._chart_shown = True
        if self._chart and self._drawn_from is not None:
            try:
                self._draw(*self._drawn_from)
            except Exception:
                log.exception("swarm chart failed")

    def _banner(self, load: ExhibitLoad) -> str:
        notes = []
        if load.is_illustrative or load.all_documentation_ips:
            notes.append("Illustrative data: documentation IP addresses and invented ISPs, not a real exhibit.")
        if load.problems:
            items = "".join(f"<li>{escape(str(p))}</li>" for p in load.problems[:20])
            more = f"<li>and {len(load.problems) - 20} more</li>" if len(load.problems) > 20 else ""
            notes.append(f"{escape(load.summary())}. Rows not loaded:<ul>{items}{more}</ul>")
        if load.warnings:
            items = "".join(f"<li>{escape(str(w))}</li>" for w in load.warnings[:20])
            more = f"<li>and {len(load.warnings) - 20} more</li>" if len(load.warnings) > 20 else ""
            notes.append(f"Place names to check:<ul>{items}{more}</ul>")
        return "".join(f'<div class="course-illustrative" role="note">{n}</div>' for n in notes)

    def _summary_html(self, a: swarm.SwarmAnalysis) -> str:
        groups = ", ".join(str(g.size) for g in a.groups[:12]) + (" ..." if len(a.groups) > 12 else "")
        return (
            '<div aria-live="polite"><strong>What the exhibit shows under these assumptions</strong><ul>'
            f"<li>{a.does} Does; first to last observation: {_fmt_hours(a.span_hours)}</li>"
            f"<li>Largest gap between consecutive observations: {_fmt_hours(a.largest_gap_hours)}</li>"
            f"<li>Pairs of Does that could have been in the swarm together: {a.overlapping_pairs:,} of {a.possible_pairs:,}</li>"
            f"<li>Does with company (overlapping at least one other): {a.does_with_company} ({a.share_with_company:.0%})</li>"
            f"<li>Chains of overlapping Does: {len(a.groups)} (sizes {groups})</li>"
            f"<li>Every Doe would have company if each stayed more than {_fmt_hours(a.session_hours_for_all_company)}; "
            f"all would form one chain above {_fmt_hours(a.session_hours_for_one_chain)}</li>"
            "</ul></div>"
        )

    def _draw(self, rows: tuple[Observation, ...], assumptions: swarm.SwarmAssumptions) -> None:
        figure = timeline_figure(rows, assumptions, self.doe.value)
        if self.fig is None:
            self.fig = PlotlyChart(figure=figure, label="Timeline of the exhibit's Does and their assumed presence "
                                   "in the swarm; the text summary above gives the same figures.")
            self.chart_box.children = [self.fig]
        else:
            self.fig.figure = figure  # Plotly.react in the browser: the same plot, updated in place


def swarm_explorer(example: str = "ndill_doe29_doe38", **kwargs) -> W.Widget:
    return SwarmTimingExplorer(example, **kwargs).widget
