"""Accessibility fixes for ipywidgets' own markup.

ipywidgets' sliders draw a handle (``role="slider"``) with no accessible name, so a
screen reader announces "slider" without saying which. :func:`labeller` is a tiny
anywidget whose script names every slider handle on the page after its control's
label, now and whenever new controls appear.
"""
from __future__ import annotations

import anywidget
import traitlets

_ESM = """
function name(root) {
  for (const handle of root.querySelectorAll('.widget-slider .noUi-handle, .widget-slider [role="slider"]')) {
    if (handle.getAttribute('aria-label')) continue;
    const box = handle.closest('.widget-slider');
    const label = box && box.querySelector('.widget-label');
    const text = label && (label.getAttribute('title') || label.textContent || '').trim();
    if (text) handle.setAttribute('aria-label', text);
  }
}
function render({ el }) {
  el.setAttribute('aria-hidden', 'true');
  el.style.display = 'none';
  name(document);
  const observer = new MutationObserver(() => name(document));
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
export default { render };
"""


class _Labeller(anywidget.AnyWidget):
    _esm = traitlets.Unicode(_ESM).tag(sync=True)


def labeller() -> anywidget.AnyWidget:
    """An invisible widget that gives every slider handle on the page its label as a name."""
    return _Labeller()
