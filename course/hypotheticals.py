"""Seeded hypotheticals: fresh fact patterns for apply_test practice questions.

Each generator takes ``random.Random(seed)`` and returns facts for one registered test,
with a prompt that describes those facts in plain English. The prompt never states the
result: the engine decides the answer at grading time (:func:`course.exercises.grade`).
The same name and seed always give the same hypothetical.

    generate("ndill_gap", 7)        # an ApplyTest question (course.exercises)
    hypothetical("ndill_gap", 7)    # the raw facts and prompt
    names()                         # every generator, in a stable order
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, Callable

from . import registry
from .scenarios import JoinderScenario, joinder_facts


@dataclass(frozen=True)
class Hypothetical:
    name: str
    seed: int
    test_id: str
    facts: dict[str, Any]  # JSON-ready facts for the test
    prompt: str


@dataclass(frozen=True)
class Generator:
    name: str
    test_id: str
    title: str  # what it varies, for a menu
    make: Callable[[random.Random], tuple[dict[str, Any], str]]
    explanation: str
    quotes: tuple[str, ...]


def _when(t: dt.datetime) -> str:
    hour = t.hour % 12 or 12
    part = "a.m." if t.hour < 12 else "p.m."
    return f"{t:%B} {t.day}, {t.year} at {hour}:{t.minute:02d} {part}"


def _hours(h: float) -> str:
    if h < 1:
        return f"{round(h * 60)} minutes"
    if h < 48:
        return f"{h:.1f} hours".replace(".0 hours", " hours")
    return f"{h:.1f} hours (about {h / 24:.1f} days)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- joinder: swarm times, session length (N.D. Ill., N.D. Cal.), number of Does (Rule 21) ---


def _ndill_gap(rng: random.Random) -> tuple[dict[str, Any], str]:
    lo, hi = rng.choice([(0.1, 0.9), (1, 6), (6, 48), (48, 400), (400, 1200)])
    minutes = max(1, round(rng.uniform(lo, hi) * 60))
    first = dt.datetime(2012, 7, 1, 0, 0) + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 30))
    second = first + dt.timedelta(minutes=minutes)
    session = rng.choice([0.5, 1.0, 2.0, 4.0, 8.0, 24.0])
    # mostly complaints that allege the same swarm, and same time where the times could fit it, so that
    # most problems are decided (the bar applies, or it is lifted); the rest test the open questions
    same_swarm = rng.random() < 0.8
    same_time = rng.random() < (0.75 if minutes / 60 <= session else 0.4)
    scenario = JoinderScenario(
        does_count=2, same_hash_alleged=True, same_swarm_alleged=same_swarm, same_time_alleged=same_time,
        gap_hours=minutes / 60, session_hours=session,
    )
    facts = joinder_facts(scenario)["joinder.ndill_2013"].model_dump(mode="json")
    prompt = (
        f"Two Does remain in a suit. The plaintiff's exhibit shows Doe A sharing a piece of the film on "
        f"{_when(first)} and Doe B on {_when(second)}; both files carry the same hash. "
        + ("The complaint alleges that both Does were in the same swarm. " if same_swarm
           else "The complaint relies on the shared hash; it does not otherwise allege one swarm. ")
        + ("It alleges that they were in the swarm at roughly the same time. " if same_time
           else "It does not allege that they were in the swarm at the same time. ")
        + f"Assume that a Doe stays in the swarm for {_hours(session)} after being observed "
        "(an assumption for this exercise, not a finding). A common question of law or fact is alleged."
    )
    return facts, prompt


def _ndcal_swarm(rng: random.Random) -> tuple[dict[str, Any], str]:
    does = rng.choice([2, 3, 5, 12, 40, 90, 150])
    # mostly Does hours apart with no transfer alleged (what the order decided); some close together, some
    # alleging transfers or the same time (what it left open)
    span_h = round(rng.choice([rng.uniform(2, 6), rng.uniform(6, 96), rng.uniform(96, 24 * 90), rng.uniform(24, 24 * 63),
                               rng.uniform(3, 48), rng.uniform(0.2, 2)]), 1)
    closest = span_h if does == 2 else round(min(span_h, rng.choice(
        [rng.uniform(2, 72), rng.uniform(2, 24), rng.uniform(2, 12), rng.uniform(3, 6), rng.uniform(0.1, 1.9)])), 1)
    same_swarm = rng.random() < 0.85
    direct = rng.random() < 0.08
    same_time = rng.random() < 0.05
    scenario = JoinderScenario(
        does_count=does, same_hash_alleged=True, same_swarm_alleged=same_swarm, same_time_alleged=same_time,
        gap_hours=span_h, closest_gap_hours=closest, direct_exchange_alleged=direct,
    )
    facts = joinder_facts(scenario)["joinder.ndcal_2012"].model_dump(mode="json")
    closest_text = "at the very same moment" if closest == 0 else f"{_hours(closest)} apart"
    prompt = (
        f"A plaintiff sues {does} Does in one complaint. Its exhibit lists each Doe's IP address with the "
        f"date and time it was seen in the swarm; the first and the last observations are {_hours(span_h)} apart, "
        f"and the two Does seen closest together were observed {closest_text}. "
        + ("The complaint alleges that every Doe took part in the same swarm. " if same_swarm
           else "The complaint does not allege that the Does took part in the same swarm. ")
        + ("It alleges that the Does were in the swarm at the same time. " if same_time else "")
        + ("It alleges that the Does transferred pieces of the work to one another. " if direct
           else "It does not allege that any Doe transferred a piece to or from another Doe. ")
    ).strip()
    return facts, prompt


def _rule21_does(rng: random.Random) -> tuple[dict[str, Any], str]:
    # N.D. Ill. decided 47 Does with its concerns present and filing fees the only efficiency; most problems
    # stay near those facts (decided), a few take one away (open: the court gave no rule for them)
    does = rng.choice([20, 46, 47, 47, 68, 90, 120, 351, 1000, 2099, 5000])
    defenses = rng.random() < 0.96
    pro_se = rng.random() < 0.96
    fees = rng.random() < 0.93
    facts = {"does_count": does, "distinct_defenses_likely": defenses, "pro_se_does_expected": pro_se,
             "main_efficiency_is_filing_fees": fees}
    prompt = (
        f"{_plural(does, 'Doe')} remain joined in one suit. "
        + ("The Does are likely to raise different factual and legal defenses. " if defenses
           else "Nothing suggests that the Does will raise different defenses. ")
        + ("Some of them are expected to appear pro se, without e-filing. " if pro_se
           else "Every Doe is expected to be represented and to e-file. ")
        + ("The main efficiency of keeping them together is that the plaintiff saves filing fees." if fees
           else "Keeping them together would save more than filing fees (for example, shared evidence and witnesses).")
    )
    return facts, prompt


# --- geolocation precision (N.D. Cal. residence; S.D. Cal. particularity as D. Haw. describes it) ---

_PRECISION_TEXT = {
    "none": "gives no location for the IP addresses at all",
    "country": "places each IP address only in a country",
    "region_or_state": "places each IP address in a state",
    "city": "places each IP address in a city",
    "radius": "places each IP address at a point with an accuracy radius of a few kilometres",
}


def _geolocation_residence(rng: random.Random) -> tuple[dict[str, Any], str]:
    precision = rng.choice(list(_PRECISION_TEXT))
    in_forum = precision not in ("none", "country") and rng.random() < 0.8
    concedes = rng.random() < 0.5
    past = rng.random() < 0.5
    prob = None if rng.random() < 0.5 else round(rng.uniform(0.3, 0.99), 2)
    facts = {"geolocation_precision": precision, "claimed_in_forum_state": in_forum,
             "plaintiff_concedes_state_unreliable": concedes, "past_cases_found_out_of_state_subscribers": past,
             "probability_in_forum": prob}
    prompt = (
        f"To show that the Does live in the forum state, the plaintiff relies on a geolocation service that "
        f"{_PRECISION_TEXT[precision]}. "
        + ("It says the service puts every IP address in the forum state. " if in_forum
           else "It does not say that the service puts every IP address in the forum state. ")
        + ("At the hearing it concedes that geolocation cannot reliably predict an IP address's state. " if concedes
           else "It makes no concession about the service's reliability. ")
        + ("In its earlier suits, some subscribers turned out to live in other states. " if past
           else "Nothing is said about where subscribers in its earlier suits lived. ")
        + (f"A geolocation model estimates a {round(prob * 100)}% chance that an IP address is in the forum state."
           if prob is not None else "")
    ).strip()
    return facts, prompt


def _geolocation_particularity(rng: random.Random) -> tuple[dict[str, Any], str]:
    ip = rng.random() < 0.8
    dates = rng.random() < 0.75
    isp = rng.random() < 0.7
    precision = rng.choice(list(_PRECISION_TEXT))
    in_forum = precision != "none" and rng.random() < 0.7
    facts = {"ip_address_identified": ip, "activity_dates_given": dates, "isp_named": isp,
             "geolocation_precision": precision, "geolocation_in_forum": in_forum}
    prompt = (
        "A plaintiff asks for early discovery against one Doe. "
        + ("It gives the Doe's own IP address, tied to the infringing activity. " if ip
           else "It does not give the Doe's own IP address. ")
        + ("It gives the dates and times of the activity. " if dates else "It gives no dates or times. ")
        + ("It names the Doe's ISP. " if isp else "It does not name the ISP. ")
        + f"Its geolocation {_PRECISION_TEXT[precision]}"
        + (", and traces the IP address to a place in the forum." if in_forum
           else (", but does not trace the IP address to the forum." if precision != "none" else "."))
    )
    return facts, prompt


# --- household facts (D. Conn.) ------------------------------------------------------------


def _dconn_household(rng: random.Random) -> tuple[dict[str, Any], str]:
    dwelling = rng.choice(["not_pleaded", "single_family", "multi_unit"])
    residents = rng.choice([None, None, 1, 2, 4])
    lone_adult = residents is not None and rng.random() < 0.3
    wireless = rng.choice([None, True, False])
    secured = rng.choice([None, True, False]) if wireless else None
    exclusive = rng.random() < 0.2
    contacted = rng.random() < 0.2
    technical = rng.random() < 0.2
    facts = {"subscriber_status": True, "conclusory_habitual_allegation": True, "dwelling": dwelling,
             "residents_count": residents, "lone_adult_resident": lone_adult, "wireless": wireless,
             "network_secured": secured, "exclusive_access_alleged": exclusive, "contacted_or_admitted": contacted,
             "technical_background_alleged": technical}
    parts = [
        "The plaintiff moves for default judgment against the subscriber of the ISP account assigned to the "
        "infringing IP address, alleging that he is a habitual and persistent BitTorrent infringer.",
        {"not_pleaded": "The complaint does not say what kind of building is at his address.",
         "single_family": "It alleges that the address is a single-family home.",
         "multi_unit": "It alleges that the address is a unit in an apartment building."}[dwelling],
        "It does not say how many people live there." if residents is None
        else f"It alleges that {_plural(residents, 'person')} live{'s' if residents == 1 else ''} at the address.",
    ]
    if lone_adult:
        parts.append("It alleges that he was the only adult man living there while the infringement went on.")
    parts.append({None: "It says nothing about the network.", True: "It alleges that the address has wireless internet",
                  False: "It alleges that the address has a wired connection only."}[wireless])
    if wireless:
        parts[-1] += {None: ".", True: ", protected by a password.", False: ", not protected by a password."}[secured]
    if exclusive:
        parts.append("It alleges facts suggesting that only he used the account.")
    if contacted:
        parts.append("It alleges what he said when the plaintiff's investigator spoke with him.")
    if technical:
        parts.append("It alleges that he has a background in computer science.")
    return facts, " ".join(parts)


# --- audience size (D. Haw., Calder express aiming) -----------------------------------------


def _calder_audience(rng: random.Random) -> tuple[dict[str, Any], str]:
    users = rng.choice([0, 1, 1, 2, 3, 12, 150, 4000, 25000])
    interactive = rng.random() < 0.7
    ads = rng.random() < 0.25
    integral = rng.random() < 0.2
    targeted = rng.random() < 0.15
    geo = rng.random() < 0.5
    facts = {"intentional_act": True, "forum_audience_users": users,
             "site_interactivity": "interactive" if interactive else "passive", "forum_targeted_advertising": ads,
             "forum_audience_integral_to_business": integral, "individually_targeted_forum_plaintiff": targeted,
             "knew_forum_user_by_geolocation": geo}
    prompt = " ".join(x for x in [
        "Foreign operators run a website and distribute an application through which users stream a film "
        "without permission. The copyright owner sues them in a U.S. district court.",
        f"The record shows {users:,} user{'' if users == 1 else 's'} of the site in the forum state.",
        "Users exchange information with the site (it is interactive)." if interactive
        else "The site only posts information (it is passive).",
        "It runs advertising aimed at consumers in the forum state." if ads else "It runs no advertising aimed at the forum state.",
        "Forum-state users are an integral part of its business model and profits." if integral else "",
        "The operators singled out the plaintiff, knowing it was based in the forum state." if targeted else "",
        "The application's geolocation told the operators that a user was in the forum state." if geo else "",
        "Nothing is alleged about the other parts of the test (harm, relatedness, reasonableness).",
    ] if x)
    return facts, prompt


GENERATORS: dict[str, Generator] = {g.name: g for g in [
    Generator("ndill_gap", "joinder.ndill_2013", "Two Does' observation times and an assumed stay (N.D. Ill.)",
              _ndill_gap,
              "N.D. Ill. requires more than one swarm: the Does must have been in it at roughly the same time. "
              "Compare the gap between the two observations with the assumed stay, and check what is alleged.",
              ("ndill.joinder.same_time_required", "ndill.joinder.strains_credulity")),
    Generator("ndcal_swarm", "joinder.ndcal_2012", "How many Does, over how long, and what is alleged (N.D. Cal.)",
              _ndcal_swarm,
              "N.D. Cal. asks whether the Does acted in concert. Being in one swarm is not enough; look at the "
              "timing and at whether any Doe-to-Doe transfer is alleged.",
              ("ndcal.joinder.swarm_not_concerted", "ndcal.joinder.probability_illogical")),
    Generator("rule21_does", "joinder.rule21_discretion", "Number of Does and case management (Rule 21)",
              _rule21_does,
              "Even where Rule 20 might allow joinder, N.D. Ill. weighed fairness and manageability: the number "
              "of Does, their defenses, pro se litigants, and what joinder really saves.",
              ("ndill.joinder.forty_seven_does", "ndill.joinder.filing_fees_insufficient")),
    Generator("geolocation_residence", "jurisdiction.geolocation_residence_ndcal_2012",
              "Geolocation precision and a prima facie showing of residence (N.D. Cal.)", _geolocation_residence,
              "N.D. Cal. asked whether geolocation reliably placed the Does in the forum state, and weighed the "
              "plaintiff's own admissions about it.",
              ("ndcal.discovery.f1_country_only", "ndcal.discovery.f1_cannot_predict_state")),
    Generator("geolocation_particularity", "jurisdiction.geolocation_particularity_sdcal",
              "IP address, dates, ISP and geolocation (S.D. Cal., as D. Haw. describes it)",
              _geolocation_particularity,
              "D. Haw. describes S.D. Cal. finding a Doe identified with sufficient particularity from the IP "
              "address, the dates and times, the ISP and geolocation to the forum. Check each item.",
              ("dhaw.discovery.f1_strike3", "dhaw.discovery.f1_geolocation_rationale")),
    Generator("dconn_household", "subscriber.dconn_2020", "Household facts beyond subscriber status (D. Conn.)",
              _dconn_household,
              "D. Conn. held that paying for the internet account is not enough; ask which pleaded facts make it "
              "plausible that this subscriber, not someone else, infringed.",
              ("dconn.subscriber.no_facts_beyond_status", "dconn.subscriber.possible_not_plausible")),
    Generator("calder_audience", "jurisdiction.calder_express_aiming_dhaw_2020",
              "Audience size and targeting of a website (D. Haw.)", _calder_audience,
              "D. Haw. applied the Calder effects test: look for something aimed at the forum beyond a site that "
              "forum users can reach.",
              ("dhaw.jurisdiction.audience_of_one", "dhaw.jurisdiction.something_more")),
]}


def names() -> list[str]:
    return list(GENERATORS)


def decided_share(name: str, seeds: range = range(60)) -> float:
    """The share of ``seeds`` for which generator ``name``'s problem has a decided answer (anything but
    "the sources do not decide this")."""
    from .ruling import Outcome

    decided = 0
    for seed in seeds:
        h = hypothetical(name, seed)
        decided += registry.decide(h.test_id, h.facts, counterfactuals=False).outcome != Outcome.undetermined
    return decided / len(seeds)


def hypothetical(name: str, seed: int) -> Hypothetical:
    """The facts and prompt generator ``name`` makes from ``seed`` (deterministic)."""
    if name not in GENERATORS:
        raise KeyError(f"no hypothetical generator {name!r}; the generators are: {', '.join(names())}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number, 0 or more, not {seed!r}")
    g = GENERATORS[name]
    facts, prompt = g.make(random.Random(seed))
    registry.parse_facts(registry.get(g.test_id), facts)  # a generator must make valid facts
    return Hypothetical(name, seed, g.test_id, facts, prompt)


def generate(name: str, seed: int, *, set_id: str = "practice"):
    """A practice apply_test question (:class:`course.exercises.ApplyTest`) from generator ``name``."""
    from .exercises import ApplyTest, GeneratorRef

    h = hypothetical(name, seed)
    g = GENERATORS[name]
    test = registry.get(g.test_id)
    who = f"{test.court}" + ("" if test.is_holding else " (a test the sources describe, not a holding)")
    return ApplyTest(
        id=f"{set_id}.practice_{name}_{seed}",
        type="apply_test",
        prompt=f"Apply the test of {who} ({test.title}) to these facts. {h.prompt}",
        explanation=g.explanation,
        quotes=g.quotes,
        test_id=g.test_id,
        facts=h.facts,
        generator=GeneratorRef(name=name, seed=seed),
    )
