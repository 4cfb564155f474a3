"""Geolocation accuracy explorer: how many Does are likely in the forum, and what courts make of it.

Controls: the exhibit, the forum state, how finely its geolocation is read, and the
confidence assumed at each level (only MaxMind's 67% radius figure is sourced; the rest
are labelled assumptions). One engine call, :func:`course.exhibit_facts.geolocation_view`.
"""
from __future__ import annotations

import logging
from html import escape

import ipywidgets as W

from course import exhibit_facts as ef
from course import geolocation as geo
from course import registry

from .explorer import FRIENDLY
from .a11y import labeller
from .ruling_view import CSS, ruling_html, summary_table_html

log = logging.getLogger(__name__)

FORUMS = {
    "California": geo.Forum("California", country=("US", "United States"), region=("California", "CA"), whole_region=True),
    "Illinois": geo.Forum("Illinois", country=("US", "United States"), region=("Illinois", "IL"), whole_region=True),
    "Hawaii": geo.Forum("Hawaii", country=("US", "United States"), region=("Hawaii", "HI"), whole_region=True),
}
_WIDE = W.Layout(width="100%", max_width="46em")
_STYLE = {"description_width": "45%"}


class GeolocationExplorer:
    def __init__(self, example: str = "ndcal_hard_drive_pattern", forum: str = "California"):
        self.example = W.Dropdown(options=[(e.title, k) for k, e in ef.EXAMPLES.items()], value=example,
                                  description="Example exhibit", style=_STYLE, layout=_WIDE)
        self.forum = W.Dropdown(options=list(FORUMS), value=forum, description="Forum state", style=_STYLE, layout=_WIDE)
        self.level = W.Dropdown(options=[("country only", "country"), ("state or region", "region"), ("city", "city")],
                                value="region", description="Read the geolocation down to", style=_STYLE, layout=_WIDE)
        d = geo.GeoConfidence()
        self.conf = {
            name: W.FloatSlider(value=getattr(d, name), min=0, max=1, step=0.01, continuous_update=False,
                                description=f"Assumed confidence at {label} level", style=_STYLE, layout=_WIDE)
            for name, label in (("country", "country"), ("region", "state"), ("city", "city"))
        }
        self.concedes = W.Checkbox(value=True, indent=False, layout=_WIDE,
                                   description="The plaintiff concedes geolocation cannot reliably predict the state")
        self.identifiers = W.Checkbox(value=True, indent=False, layout=_WIDE,
                                      description="Each Doe's IP address, dates and ISP are given")
        self.result = W.HTML()
        self.table = W.HTML()
        self.cards = W.HTML()
        for w in (self.example, self.forum, self.level, self.concedes, self.identifiers, *self.conf.values()):
            w.observe(lambda ch: self.update(), names="value")
        controls = W.VBox([self.example, self.forum, self.level,
                           W.HTML("<strong>Assumptions (UNVERIFIED except MaxMind's 67% radius figure)</strong>"),
                           *self.conf.values(), W.HTML("<strong>What the plaintiff offers</strong>"),
                           self.concedes, self.identifiers], layout=W.Layout(width="44%", min_width="20em"))
        self.widget = W.VBox([W.HTML(CSS), labeller(), W.HBox([controls, W.VBox([self.result, self.table],
                              layout=W.Layout(width="54%", min_width="20em"))],
                              layout=W.Layout(flex_flow="row wrap", gap="1em")), self.cards])
        self.view = None
        self.update()

    def update(self) -> None:
        try:
            load = ef.load_example(self.example.value)
            confidence = geo.GeoConfidence(**{k: w.value for k, w in self.conf.items()})
            self.view = v = ef.geolocation_view(load, FORUMS[self.forum.value], level=self.level.value,
                                                confidence=confidence,
                                                plaintiff_concedes_state_unreliable=self.concedes.value,
                                                identifiers_given=self.identifiers.value)
            e = v.estimate
            n = len(e.does)
            self.result.value = (
                '<div aria-live="polite"><div class="course-illustrative" role="note">Illustrative data: '
                "documentation IP addresses and invented locations.</div>"
                f"<p><strong>{v.does_placed_in_forum} of {n}</strong> Does are placed in {escape(e.forum)} by the "
                f"exhibit at this precision.</p><p>Expected number actually in {escape(e.forum)}: between "
                f"<strong>{e.expected_in_forum_low:.1f}</strong> and <strong>{e.expected_in_forum_high:.1f}</strong>. "
                f"Probability that all {n} are: between {e.p_all_in_forum_low:.2g} and {e.p_all_in_forum_high:.2g} "
                "(treating Does as independent, an assumption).</p></div>"
            )
            self.table.value = summary_table_html([(registry.get(t).label, r) for t, r in v.rulings.items()])
            self.cards.value = "".join(ruling_html(r, heading=registry.get(t).label, max_quotes=1) for t, r in v.rulings.items())
        except Exception:
            log.exception("geolocation explorer update failed")
            self.result.value = FRIENDLY


def geolocation_explorer(example: str = "ndcal_hard_drive_pattern", forum: str = "California") -> W.Widget:
    return GeolocationExplorer(example, forum).widget
