"""A plotly.js chart drawn from a plain figure (``{"data": [...], "layout": {...}}``).

Why not plotly's ``FigureWidget``: it ships its 5 MB browser bundle through the kernel's
websocket to every page that shows a chart, keeps it (and plotly's validators) in every kernel,
and so adds about 1.6 s to a page and 60-70 MB to each kernel. This widget's browser code is a
few lines; it loads ``plotly.min.js`` once, by URL, from the course template's static folder
(``server/assets.py`` puts it there), so the browser caches it and the kernel never imports plotly.

Updating: assign a new figure to :attr:`PlotlyChart.figure`; the browser calls ``Plotly.react``,
which updates the same plot in place. The figure is plotly's own JSON format; the tests check
each figure the course draws against plotly's schema (``plotly.graph_objects.Figure``).

Accessibility: the chart is a ``role="figure"`` with the label given; every chart in the course
also has a text summary beside it. If plotly.js cannot be loaded the chart says so in words.
"""
from __future__ import annotations

import importlib.metadata

import anywidget
import traitlets

#: Where the page finds plotly.js, relative to the server's base URL (see ``server/assets.py``).
PLOTLY_JS_PATH = "voila/templates/course/static/plotly.min.js"
UNAVAILABLE = "The chart could not be loaded here; the text summary beside it gives the same figures."

_ESM = """
function baseUrl() {
  try {
    const e = document.getElementById('jupyter-config-data');
    const b = e ? JSON.parse(e.textContent).baseUrl : null;
    return b ? (b.endsWith('/') ? b : b + '/') : '/';
  } catch (err) { return '/'; }
}

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  const state = (window.__coursePlotly = window.__coursePlotly || {});
  if (!state.promise) {
    state.promise = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = baseUrl() + src;
      s.async = true;
      s.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error('plotly.js did not load')));
      s.onerror = () => { state.promise = null; reject(new Error('plotly.js could not be fetched')); };
      document.head.appendChild(s);
    });
  }
  return state.promise;
}

async function render({ model, el }) {
  el.classList.add('course-chart');
  el.setAttribute('role', 'figure');
  el.setAttribute('aria-label', model.get('label'));
  const plot = document.createElement('div');
  el.appendChild(plot);
  let Plotly;
  try {
    Plotly = await loadPlotly(model.get('src'));
  } catch (err) {
    const p = document.createElement('p');
    p.className = 'course-chart-unavailable';
    p.textContent = model.get('unavailable');
    el.replaceChildren(p);
    return;
  }
  const config = { responsive: true, displaylogo: false };
  const draw = () => {
    const f = model.get('figure') || {};
    el.setAttribute('aria-label', model.get('label'));
    Plotly.react(plot, f.data || [], f.layout || {}, config);
  };
  draw();
  model.on('change:figure', draw);
  model.on('change:label', draw);
  return () => {
    model.off('change:figure', draw);
    model.off('change:label', draw);
    Plotly.purge(plot);
  };
}
export default { render };
"""


def _plotly_version() -> str:
    try:
        return importlib.metadata.version("plotly")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "0"


class PlotlyChart(anywidget.AnyWidget):
    """A chart: ``figure`` is plotly JSON (plain lists, numbers and strings); ``label`` names it."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    figure = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode("Chart").tag(sync=True)
    src = traitlets.Unicode(f"{PLOTLY_JS_PATH}?v={_plotly_version()}").tag(sync=True)
    unavailable = traitlets.Unicode(UNAVAILABLE).tag(sync=True)
