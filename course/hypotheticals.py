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
from .fmt import hours
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
    # an allegation of one swarm comes before an allegation of the same time in it
    same_time = same_swarm and rng.random() < (0.75 if minutes / 60 <= session else 0.4)
    if same_time and session < minutes / 60 < 3 * session:
        # keep alleged-same-time problems away from the edge of the assumed stay: "roughly the same time"
        # a few minutes past an assumed figure is no fair test of the rule
        minutes = max(1, round(rng.uniform(3, 6) * session * 60))
        second = first + dt.timedelta(minutes=minutes)
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
        + f"Assume that a Doe stays in the swarm for {hours(session)} after being observed "
        "(an assumption for this exercise, not a finding). A common question of law or fact is alleged."
    )
    return facts, prompt


def _ndcal_swarm(rng: random.Random) -> tuple[dict[str, Any], str]:
    does = rng.choice([2, 3, 5, 12, 40, 90, 150])
    # mostly Does hours apart with no transfer alleged (what the order decided); some close together, some
    # alleging transfers or the same time (what it left open)
    # the closest gap first, then a span the Does could really fill: n Does over a span S can be at most
    # S / (n - 1) apart at their closest, so the span is at least closest * (n - 1)
    closest = round(rng.choice([rng.uniform(2, 72), rng.uniform(2, 24), rng.uniform(2, 12), rng.uniform(3, 6),
                                rng.uniform(24, 96), rng.uniform(6, 48), rng.uniform(0.1, 1.9)]), 1)
    span_h = closest if does == 2 else round(closest * (does - 1) * rng.uniform(1.0, 3.0), 1)
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
    misjoined = rng.random() < 0.92
    facts = {"does_count": does, "distinct_defenses_likely": defenses, "pro_se_does_expected": pro_se,
             "main_efficiency_is_filing_fees": fees, "misjoined_under_rule20": misjoined}
    prompt = (
        f"{_plural(does, 'Doe')} remain joined in one suit. "
        + ("The court has found them misjoined under Rule 20 (the plaintiff did not allege the same swarm at "
           "roughly the same time); the question is whether to sever them for fairness and manageability too. "
           if misjoined else "Assume they are properly joined under Rule 20. ")
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
    """D. Haw.'s factor 1: coherent showings, from a swarm-style list of the Does' own IP addresses to a
    website case with only a host server's address (as in Bodyguard)."""
    own_ips = rng.random() < 0.5
    if own_ips:
        dates = rng.random() < 0.8
        isp = rng.random() < 0.7
        in_forum = rng.random() < 0.75
        facts = {"does_ip_addresses_provided": True, "dates_of_activity_provided": dates, "isp_named": isp,
                 "geolocation_to_forum": in_forum, "location_info_points_outside_forum": not in_forum and rng.random() < 0.5,
                 "non_defendant_ip_addresses_offered": False, "acts_only_real_persons_could_do": False}
        prompt = " ".join(x for x in [
            "A plaintiff asks for early discovery to identify Doe defendants who shared its film in a swarm.",
            "It lists each Doe's own IP address, tied to the infringing activity,",
            "with the date and time of each Doe's activity." if dates else "but gives no dates or times of the activity.",
            "It names the ISP for each address." if isp else "It does not name the ISPs.",
            "Geolocation traces the addresses to the forum." if in_forum else (
                "Its geolocation places the addresses outside the forum." if facts["location_info_points_outside_forum"]
                else "It offers no geolocation for the addresses."),
        ] if x)
    else:
        outside = rng.random() < 0.7
        others = rng.random() < 0.7
        acts = rng.random() < 0.25
        facts = {"does_ip_addresses_provided": False, "dates_of_activity_provided": False, "isp_named": None,
                 "geolocation_to_forum": False, "location_info_points_outside_forum": outside,
                 "non_defendant_ip_addresses_offered": others, "acts_only_real_persons_could_do": acts}
        prompt = " ".join(x for x in [
            "A plaintiff asks for early discovery to identify the unknown operators of a website that distributes "
            "an infringing application. It gives no IP address of the Does themselves.",
            "It points instead to the IP address of the host server that stores the site, and to that of a user "
            "it has already sued and dismissed." if others else "",
            "The only location it offers ties the site to a host server abroad." if outside
            else "It offers no location information.",
            "It alleges that the Does exchanged emails with its investigator and opened a bank account to take "
            "payments: acts only real people could do." if acts else "",
        ] if x)
    return facts, prompt


# --- household facts (D. Conn.) ------------------------------------------------------------


def _dconn_household(rng: random.Random) -> tuple[dict[str, Any], str]:
    # often no more than D. Conn.'s own complaint pleaded, or facts that only widen the circle of users;
    # sometimes facts that point at the subscriber (which lift the bar, never more)
    pointing = rng.random() < 0.45  # roughly half the problems plead something that points at him
    dwelling = rng.choice(["not_pleaded", "multi_unit"] + (["single_family"] if pointing else []))
    residents = rng.choice([None, 2, 4] + ([1] if pointing else []))
    lone_adult = pointing and residents is not None and residents > 1 and rng.random() < 0.4
    wireless = rng.choice([None, True] + ([False] if pointing else []))
    secured = rng.choice([None, False] + ([True] if pointing else [])) if wireless else None
    exclusive = pointing and rng.random() < 0.25
    contact = rng.choice([None] * 8 + (["admitted"] if pointing else []) + ["denied"])  # what was said is pleaded
    technical = pointing and rng.random() < 0.3
    facts = {"subscriber_status": True, "conclusory_habitual_allegation": True, "dwelling": dwelling,
             "residents_count": residents, "lone_adult_resident": lone_adult, "wireless": wireless,
             "network_secured": secured, "exclusive_access_alleged": exclusive, "contacted_or_admitted": contact is not None,
             "admission_alleged": contact == "admitted",
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
    if contact == "admitted":
        parts.append("It alleges that, when the plaintiff's investigator spoke with him, he admitted downloading the films.")
    elif contact == "denied":
        parts.append("It alleges that the plaintiff's investigator spoke with him, and that he denied downloading anything.")
    if technical:
        parts.append("It alleges that he has a background in computer science.")
    return facts, " ".join(parts)


# --- audience size (D. Haw., Calder express aiming) -----------------------------------------


def _calder_audience(rng: random.Random) -> tuple[dict[str, Any], str]:
    """D. Haw.'s express-aiming prong: mostly the court's own kind of record (one forum user, whatever the
    site's features), sometimes a larger audience or targeting, which the court said could suffice for that
    prong (it reached no other element). Facts that cohere: a large audience before 'integral' or ads."""
    users = rng.choice([1] * 9 + [0, 2, 12, 150, 4000, 25000])
    interactive = rng.random() < 0.7
    big = users >= 150
    ads = big and rng.random() < 0.5
    integral = big and rng.random() < 0.4
    targeted = rng.random() < 0.1
    geo = users >= 1 and rng.random() < 0.5
    own_act = rng.random() >= 0.1
    facts = {"intentional_act": None if own_act else False, "forum_audience_users": users,
             "site_interactivity": "interactive" if interactive else "passive", "forum_targeted_advertising": ads,
             "forum_audience_integral_to_business": integral, "individually_targeted_forum_plaintiff": targeted,
             "knew_forum_user_by_geolocation": geo}
    prompt = " ".join(x for x in [
        ("Foreign operators run a website that promotes and distributes an application through which users "
         "stream a film without permission. The copyright owner sues them in a U.S. district court and asks for "
         "early discovery." if own_act else
         "A website promotes and distributes an application through which users stream a film without permission. "
         "The copyright owner sues the foreign registrants of the site's domain in a U.S. district court; the "
         "complaint alleges no act of theirs, and says someone else runs the site."),
        ("The record shows no user of the application in the forum state." if users == 0 else
         f"The record shows {users:,} user{'' if users == 1 else 's'} of the application in the forum state."),
        "The website lets users exchange information with it (it is interactive)." if interactive
        else "The website itself only posts information about the application (it is passive).",
        "The operators run advertising aimed at consumers in the forum state." if ads else "",
        "Forum-state users are an integral part of the operators' business model and profits." if integral else "",
        "The operators singled out the plaintiff, knowing it was based in the forum state." if targeted else "",
        "The plaintiff says the application's geolocation told the operators that a user was in the forum state."
        if geo else "",
        "Nothing is alleged about the other parts of the test (knowledge of harm, relatedness, reasonableness).",
        "For this exercise, take 1,000 forum users or more as a substantial audience (the course's assumption: "
        "the court gave no number)." if big else "",
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
              "For Does it had already found misjoined under Rule 20, N.D. Ill. added fairness and manageability "
              "as a further ground: the number of Does, their defenses, pro se litigants, and what joinder really "
              "saves. Where Rule 20 is met, it did not say.",
              ("ndill.joinder.forty_seven_does", "ndill.joinder.filing_fees_insufficient")),
    Generator("geolocation_residence", "jurisdiction.geolocation_residence_ndcal_2012",
              "Geolocation precision and a prima facie showing of residence (N.D. Cal.)", _geolocation_residence,
              "N.D. Cal. asked whether geolocation reliably placed the Does in the forum state, and weighed the "
              "plaintiff's own admissions about it.",
              ("ndcal.discovery.f1_country_only", "ndcal.discovery.f1_cannot_predict_state")),
    Generator("geolocation_particularity", "discovery.dhaw_2020_particularity",
              "IP addresses, dates, ISP and geolocation: identifying the Does (D. Haw., good-cause factor 1)",
              _geolocation_particularity,
              "D. Haw. held that a plaintiff who gives no IP address of the Does themselves, and offers only a "
              "non-defendant's address and a location abroad, has not identified them with sufficient "
              "particularity. It described what other courts accepted, but did not say what suffices; check "
              "what is missing, not what is present.",
              ("dhaw.discovery.f1_strike3", "dhaw.discovery.f1_geolocation_rationale")),
    Generator("dconn_household", "subscriber.dconn_2020", "Household facts beyond subscriber status (D. Conn.)",
              _dconn_household,
              "D. Conn. held that paying for the internet account is not enough; ask which pleaded facts make it "
              "plausible that this subscriber, not someone else, infringed.",
              ("dconn.subscriber.no_facts_beyond_status", "dconn.subscriber.possible_not_plausible")),
    Generator("calder_audience", "jurisdiction.calder_express_aiming_dhaw_2020",
              "Audience size and targeting of a website (D. Haw.)", _calder_audience,
              "D. Haw. decided only the express-aiming prong of the Calder effects test: an audience of one is not "
              "enough, while continuous and deliberate exploitation of a substantial forum audience would satisfy that "
              "prong. It reached no other element, so its test can refuse jurisdiction but never find it.",
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
