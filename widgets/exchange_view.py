"""Direct-exchange explorer: if two Does overlapped in a swarm, how likely is it that they traded a piece?

Every number is a labelled control (BEP 3's figures are marked as such; the rest are
assumptions), and the model's limits are always on screen. One engine call,
:func:`course.exchange.exchange_probability`.
"""
from __future__ import annotations

import logging
from html import escape

import ipywidgets as W

from course import exchange

from .explorer import FRIENDLY
from .a11y import labeller
from .ruling_view import CSS

log = logging.getLogger(__name__)
_WIDE = W.Layout(width="100%", max_width="46em")
_STYLE = {"description_width": "45%"}


class ExchangeExplorer:
    def __init__(self, overlap_minutes: float = 30, swarm_size: int = 100):
        d = exchange.ExchangeAssumptions()
        self.overlap = W.FloatLogSlider(value=overlap_minutes, base=10, min=-0.5, max=3.5, step=0.05,
                                        description="Minutes the two Does were in the swarm together",
                                        style=_STYLE, layout=_WIDE, continuous_update=False, readout_format=".3g")
        self.swarm = W.IntSlider(value=swarm_size, min=2, max=5000, description="Peers in the swarm at once (assumption)",
                                 style=_STYLE, layout=_WIDE, continuous_update=False)
        self.slots = W.IntSlider(value=d.upload_slots, min=1, max=10,
                                 description="Upload slots per peer (BEP 3: four)", style=_STYLE, layout=_WIDE,
                                 continuous_update=False)
        self.recip = W.FloatSlider(value=d.reciprocation, min=0, max=0.95, step=0.05,
                                   description="Chance a slot keeps its partner at each rechoke (assumption)",
                                   style=_STYLE, layout=_WIDE, continuous_update=False)
        self.transfer = W.FloatSlider(value=d.transfer_per_unchoked_period, min=0.01, max=1, step=0.01,
                                      description="Chance an unchoked 10 s period moves a piece (assumption; 1 = upper bound)",
                                      style=_STYLE, layout=_WIDE, continuous_update=False)
        self.result = W.HTML()
        for w in (self.overlap, self.swarm, self.slots, self.recip, self.transfer):
            w.observe(lambda ch: self.update(), names="value")
        limits = f'<div class="course-illustrative" role="note"><strong>Limits of this model.</strong> {escape(exchange.LIMITS)}</div>'
        self.widget = W.VBox([W.HTML(CSS), labeller(), self.overlap, self.swarm, self.slots, self.recip, self.transfer, self.result, W.HTML(limits)])
        self.estimate = None
        self.update()

    def update(self) -> None:
        try:
            a = exchange.ExchangeAssumptions(swarm_size=self.swarm.value, upload_slots=self.slots.value,
                                             reciprocation=self.recip.value,
                                             transfer_per_unchoked_period=self.transfer.value)
            self.estimate = e = exchange.exchange_probability(float(self.overlap.value), a)
            self.result.value = (
                '<div aria-live="polite">'
                f"<p>Over <strong>{e.overlap_minutes:.3g} minutes</strong> together in a swarm of {a.swarm_size} peers, "
                f"the model gives a <strong>{e.probability_direct_exchange:.1%}</strong> chance that the two Does "
                "traded at least one piece directly (either way).</p>"
                f"<p>In that time one peer uploads to about {e.expected_peers_a_uploads_to:.1f} different peers "
                f"({e.rechoke_periods} rechokes of 10 s, {e.optimistic_periods} optimistic unchokes of 30 s).</p></div>"
            )
        except ValueError as err:
            self.result.value = f'<div class="course-friendly-error" role="alert">{escape(str(err))}</div>'
        except Exception:
            log.exception("exchange explorer update failed")
            self.result.value = FRIENDLY


def exchange_explorer(**kwargs) -> W.Widget:
    return ExchangeExplorer(**kwargs).widget
