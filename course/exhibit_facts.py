"""From an Exhibit A to the facts each court's test takes.

An exhibit shows only who was seen when (and where, roughly). What the complaint
*alleges* beyond it (the same swarm, the same time, a direct exchange) is a separate
input, :class:`Allegations`, because the courts asked what was alleged. The swarm timing
assumptions (:class:`course.swarm.SwarmAssumptions`) are a third input. One call,
:func:`joinder_rulings`, goes from the three to every joinder ruling.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from . import registry, swarm
from .exhibit import ExhibitLoad, read_exhibit
from .records import DATA_DIR
from .ruling import Basis, Facts, Ruling
from .scenarios import JOINDER_TESTS, JoinderScenario, joinder_facts

EXHIBITS_DIR = DATA_DIR / "exhibits"


class Allegations(Facts):
    """What the complaint alleges about the Does, beyond the exhibit's rows.

    A shared info hash is NOT an allegation of the same swarm: N.D. Ill. held that the same hash
    shows only that each Doe copied the same piece at some point in the swarm's life. So the hash
    (``same_hash_alleged``, read from the exhibit when left as None) and the same swarm are two facts.
    """

    same_hash_alleged: bool | None = Field(
        None, description="each Doe copied a piece with the same hash (None: read it from the exhibit's info hashes)")
    same_swarm_alleged: bool = Field(True, description="the complaint alleges the Does were in the same swarm")
    same_time_alleged: bool = Field(
        False, description="the complaint alleges the Does were in the swarm at roughly the same time"
    )
    direct_exchange_alleged: bool = Field(
        False, description="the complaint alleges the Does exchanged pieces directly with one another"
    )
    pro_se_does_expected: bool = Field(True, description="some Does will appear pro se and not e-file")
    distinct_defenses_likely: bool = Field(True, description="the Does will have different defenses")
    early_discovery_stage: bool = Field(True, description="joinder is raised on the application for early discovery")


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    allegations: Allegations
    source: str  # what in it comes from a seed


#: The shipped example exhibits (all illustrative) and what their complaints alleged.
EXAMPLES: dict[str, Example] = {
    "ndcal_hard_drive_pattern": Example(
        "ndcal_hard_drive_pattern",
        "Hard Drive pattern: 90 Does over 63 days (N.D. Cal. 2012)",
        # the complaint alleged each Doe entered the same exact swarm; counsel conceded no Doe-to-Doe transfer
        Allegations(same_swarm_alleged=True, same_time_alleged=False, direct_exchange_alleged=False),
        "the pattern only (90 Does, 63 days, different times); the times are synthetic",
    ),
    "ndill_doe29_doe38": Example(
        "ndill_doe29_doe38",
        "Does 29 and 38 (N.D. Ill. 2013, No. 12 cv 6677)",
        # the complaint relied on the same hash; same-time participation was not alleged
        Allegations(same_swarm_alleged=False, same_time_alleged=False, direct_exchange_alleged=False,
                    pro_se_does_expected=False, early_discovery_stage=False),  # decided after the subpoenas
        "the two observation times and the hash; the time zone is assumed",
    ),
    "tight_cluster": Example(
        "tight_cluster",
        "A tight cluster: 12 Does within a few hours (synthetic)",
        Allegations(same_swarm_alleged=True, same_time_alleged=True, direct_exchange_alleged=False),
        "nothing: a synthetic contrast case",
    ),
}


def example_path(name: str) -> Path:
    if name not in EXAMPLES:
        raise KeyError(f"no example exhibit {name!r}; choose one of {', '.join(EXAMPLES)}")
    return EXHIBITS_DIR / f"{name}.csv"


def load_example(name: str) -> ExhibitLoad:
    return read_exhibit(example_path(name))


class NotEnoughDoes(ValueError):
    """Joinder needs at least two Does."""


def joinder_scenario(exhibit: ExhibitLoad, assumptions: swarm.SwarmAssumptions,
                     allegations: Allegations, *, analysis: swarm.SwarmAnalysis | None = None) -> JoinderScenario:
    """The joinder scenario an exhibit supports, given the allegations and the timing assumptions.

    The N.D. Ill. window is the time within which the earliest Doe could still be in the
    swarm when the latest arrives: ``session_hours`` for a fixed placement, twice that when
    the observation could fall anywhere in the stay (``placement="could_have"``).
    ``analysis``: the exhibit's :func:`swarm.analyse` under the same assumptions, when the
    caller has it already (the sweep then runs once).
    """
    if analysis is None:
        analysis = swarm.analyse(exhibit, assumptions)
    if analysis.does < 2:
        raise NotEnoughDoes(f"joinder needs at least two Does; the exhibit has {analysis.does}")
    window = assumptions.session_hours * (2 if assumptions.placement == "could_have" else 1)
    return JoinderScenario(
        does_count=analysis.does,
        same_hash_alleged=(len(exhibit.info_hashes) == 1 if allegations.same_hash_alleged is None
                           else allegations.same_hash_alleged),
        same_swarm_alleged=allegations.same_swarm_alleged,
        same_time_alleged=allegations.same_time_alleged,
        gap_hours=float(analysis.span_hours or 0.0),
        closest_gap_hours=float(analysis.smallest_gap_hours),
        direct_exchange_alleged=allegations.direct_exchange_alleged,
        pro_se_does_expected=allegations.pro_se_does_expected,
        distinct_defenses_likely=allegations.distinct_defenses_likely,
        early_discovery_stage=allegations.early_discovery_stage,
        session_hours=min(max(window, 0.1), 24 * 30),
    )


def scenario_from_numbers(does_count: int, span_hours: float, closest_gap_hours: float | None,
                          allegations: Allegations, *, session_hours: float) -> JoinderScenario:
    """The joinder scenario for a case given by numbers rather than an exhibit: the same fields
    :func:`joinder_scenario` fills from an exhibit's rows."""
    return JoinderScenario(
        does_count=does_count,
        same_hash_alleged=bool(allegations.same_hash_alleged),
        same_swarm_alleged=allegations.same_swarm_alleged,
        same_time_alleged=allegations.same_time_alleged,
        gap_hours=float(span_hours),
        closest_gap_hours=None if closest_gap_hours is None else float(closest_gap_hours),
        direct_exchange_alleged=allegations.direct_exchange_alleged,
        pro_se_does_expected=allegations.pro_se_does_expected,
        distinct_defenses_likely=allegations.distinct_defenses_likely,
        early_discovery_stage=allegations.early_discovery_stage,
        session_hours=session_hours,
    )


def joinder_facts_for(exhibit: ExhibitLoad, assumptions: swarm.SwarmAssumptions,
                      allegations: Allegations, *, analysis: swarm.SwarmAnalysis | None = None) -> dict[str, Facts]:
    """Each joinder test's own facts for an exhibit: what ``course decide`` takes for the same case."""
    return joinder_facts(joinder_scenario(exhibit, assumptions, allegations, analysis=analysis))


def joinder_rulings(exhibit: ExhibitLoad, assumptions: swarm.SwarmAssumptions,
                    allegations: Allegations, *, analysis: swarm.SwarmAnalysis | None = None) -> dict[str, Ruling]:
    """Every joinder test's ruling on an exhibit, in :data:`JOINDER_TESTS` order. A court's own test
    gives its holding only at the stage, and on the count of Does, it decided (``held_on`` in
    data/approaches.yaml); at another stage the same result is the course applying its rule."""
    from . import approaches

    facts = joinder_facts_for(exhibit, assumptions, allegations, analysis=analysis)
    stage = approaches.Stage.early_discovery if allegations.early_discovery_stage else approaches.Stage.after_motion_to_quash
    does = exhibit.does
    out = {}
    for tid in JOINDER_TESTS:
        r = registry.decide(tid, facts[tid])
        if r.basis == Basis.held and any(
                a.test == tid and a.held_on is not None
                and (a.held_on.stage != stage or (a.held_on.does_count not in (None, does)))
                for a in approaches.APPROACHES().values()):
            r = approaches.not_held(r)
        out[tid] = r
    return out


# --- geolocation: from an exhibit's locations to the jurisdiction and particularity tests ---

#: Precision levels a student can cut the exhibit's geolocation down to, coarsest first.
GEO_LEVELS = ("country", "region", "city")

GEOLOCATION_TESTS = (
    "jurisdiction.geolocation_residence_ndcal_2012",
    "discovery.strike3_sdcal_2018",
    "discovery.dhaw_2020_particularity",
)


@dataclass(frozen=True)
class GeolocationView:
    estimate: "geolocation.ForumEstimate"
    level: str
    does_placed_in_forum: int
    rulings: dict[str, Ruling]


def _cut(claim: "geolocation.GeoClaim", level: str) -> "geolocation.GeoClaim":
    from . import geolocation

    keep = GEO_LEVELS[: GEO_LEVELS.index(level) + 1]
    return geolocation.GeoClaim(
        claim.doe,
        country=claim.country,
        region=claim.region if "region" in keep else None,
        city=claim.city if "city" in keep else None,
    )


def geolocation_view(exhibit: ExhibitLoad, forum: "geolocation.Forum", *, level: str = "region",
                     confidence: "geolocation.GeoConfidence | None" = None,
                     plaintiff_concedes_state_unreliable: bool = True,
                     identifiers_given: bool = True) -> GeolocationView:
    """What the exhibit's geolocation, read down to ``level``, shows about the forum, and how
    N.D. Cal., S.D. Cal. (as D. Haw. describes it) and D. Haw. treat that showing.

    ``identifiers_given``: the plaintiff gives each Doe's IP address, dates and ISP (an
    Exhibit A does). The forum is a state (personal jurisdiction asks about the forum state).
    """
    from . import discovery, geolocation, jurisdiction

    if level not in GEO_LEVELS:
        raise ValueError(f"level must be one of {', '.join(GEO_LEVELS)}")
    claims = [_cut(c, level) for c in geolocation.claims_from_exhibit(exhibit)]
    estimate = geolocation.estimate_forum(claims, forum, confidence)
    placed = sum(1 for c in claims if forum.has_region(c.region, c.country)) if level != "country" else 0
    all_placed = level != "country" and placed == len(claims) and len(claims) > 0
    precision = {"country": jurisdiction.GeolocationPrecision.country,
                 "region": jurisdiction.GeolocationPrecision.region_or_state,
                 "city": jurisdiction.GeolocationPrecision.city}[level]
    mean_low = estimate.expected_in_forum_low / len(claims) if claims else None
    rulings = {
        "jurisdiction.geolocation_residence_ndcal_2012": registry.decide(
            "jurisdiction.geolocation_residence_ndcal_2012",
            {"geolocation_precision": precision, "claimed_in_forum_state": all_placed,
             "plaintiff_concedes_state_unreliable": plaintiff_concedes_state_unreliable,
             "past_cases_found_out_of_state_subscribers": plaintiff_concedes_state_unreliable,
             "probability_in_forum": mean_low}),
        "discovery.strike3_sdcal_2018": registry.decide(
            "discovery.strike3_sdcal_2018",
            {"ip_address_tied_to_activity": identifiers_given, "dates_and_times_given": identifiers_given,
             "isp_named": identifiers_given, "geolocation_precision": precision,
             "geolocation_in_forum": all_placed}),
        "discovery.dhaw_2020_particularity": registry.decide(
            "discovery.dhaw_2020_particularity",
            discovery.particularity_facts(identifiers_given, identifiers_given, identifiers_given, all_placed,
                                          location_points_outside_forum=placed < len(claims) and level != "country")),
    }
    return GeolocationView(estimate, level, placed, rulings)
