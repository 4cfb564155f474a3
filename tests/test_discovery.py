"""Early discovery (N.D. Cal. 2012) and letters rogatory (D. Haw. 2020): the sources' own facts
give the sources' results, for the reasons the courts gave; what the sources leave open stays open."""
from __future__ import annotations

import enum
import types
import typing

import pytest
from annotated_types import Ge, Le
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.discovery import (
    GillespieFacts,
    IdentificationEvidence,
    LettersRogatoryFacts,
    NonresidentContacts,
    ParticularityFacts,
    ReviewStandard,
    SemitoolFacts,
    SubscriberStatus,
    gillespie_source_facts,
    letters_rogatory_source_facts,
    particularity_facts,
    particularity_from_rows,
    particularity_source_facts,
    semitool_source_facts,
)
from course.records import quote
from course.ruling import Outcome, Ruling

GILLESPIE = "discovery.gillespie_ndcal_2012"
SEMITOOL = "discovery.semitool_ndcal_2012"
LETTERS = "discovery.dhaw_2020_letters_rogatory"
PARTICULARITY = "discovery.dhaw_2020_particularity"
STRIKE3 = "discovery.strike3_sdcal_2018"
TWM = "discovery.third_world_media_dhaw_2011"
ALL_TESTS = (GILLESPIE, SEMITOOL, LETTERS, PARTICULARITY, STRIKE3, TWM)
UNDECIDED = "the sources do not decide this"


def by_element(ruling: Ruling, prefix: str):
    matches = [r for r in ruling.reasons if r.element.startswith(prefix)]
    assert len(matches) == 1, (prefix, [r.element for r in ruling.reasons])
    return matches[0]


def decide(test_id: str, facts, **changes) -> Ruling:
    if changes:
        facts = facts.model_copy(update=changes)
        facts = type(facts).model_validate(facts.model_dump())
    return registry.decide(test_id, facts, counterfactuals=False)


# --- the registry ------------------------------------------------------------------------


def test_tests_are_registered_with_the_right_court_and_holding_status():
    tests = registry.load_all()
    holdings = {GILLESPIE: "N.D. Cal.", SEMITOOL: "N.D. Cal.", LETTERS: "D. Haw.", PARTICULARITY: "D. Haw."}
    for tid, court in holdings.items():
        assert tests[tid].is_holding is True
        assert tests[tid].court.startswith(court)
        assert tests[tid].source_facts is not None
    for tid in (STRIKE3, TWM):
        assert tests[tid].is_holding is False
        assert "describes it" in tests[tid].court
    for tid in ALL_TESTS:
        doc = tests[tid].fn.__doc__
        assert doc and ("N.D. Cal." in doc or "D. Haw." in doc)


# --- (1) the sources' own facts ------------------------------------------------------------


def test_hard_drive_gillespie_denied_because_subpoena_is_only_the_first_step():
    r = registry.decide(GILLESPIE, gillespie_source_facts())
    assert r.outcome == Outcome.discovery_denied
    who = by_element(r, "Who the subpoena reveals")
    assert who.met is False and "ndcal.discovery.subscriber_may_not_be_infringer" in who.quote_ids
    steps = by_element(r, "What stands between")
    assert steps.met is False
    assert {"ndcal.discovery.first_step", "ndcal.discovery.seven_steps"} <= set(steps.quote_ids)
    assert by_element(r, "Further discovery").met is False
    record = by_element(r, "Record of service")
    assert record.met is False
    assert {"ndcal.discovery.never_served", "ndcal.discovery.district_count"} <= set(record.quote_ids)
    assert "ndcal.discovery.not_very_likely" in r.quote_ids
    assert "ndcal.discovery.gillespie_denied" in r.quote_ids


def test_hard_drive_source_facts_are_the_courts_count():
    f = gillespie_source_facts()
    assert f.steps_before_naming == 7  # (1) contact ... (7) find it wanting, 001 pp. 5:23-6:3
    assert f.similar_cases_with_early_discovery == 57  # 001 n.4
    assert f.defendants_served_in_similar_cases == 0
    assert f.ip_addresses_subpoenaed_in_similar_cases == 18_000  # "more than 18,000"
    assert semitool_source_facts().does_count == 90


def test_hard_drive_semitool_factors_1_3_4_fail_and_2_is_met():
    r = registry.decide(SEMITOOL, semitool_source_facts())
    assert r.outcome == Outcome.discovery_denied
    f1 = by_element(r, "(1)")
    assert f1.met is False
    assert {"ndcal.discovery.f1_includes_jurisdiction", "ndcal.discovery.f1_cannot_predict_state",
            "ndcal.discovery.f1_no_prima_facie_residence", "ndcal.jurisdiction.each_doe"} <= set(f1.quote_ids)
    f2 = by_element(r, "(2)")
    assert f2.met is True and {"ndcal.discovery.f2_date_and_time", "ndcal.discovery.f2_met"} <= set(f2.quote_ids)
    f3 = by_element(r, "(3)")
    assert f3.met is False and "ndcal.discovery.f3_misjoinder" in f3.quote_ids
    f4 = by_element(r, "(4)")
    assert f4.met is False and "ndcal.discovery.f4_belies" in f4.quote_ids
    weigh = by_element(r, "Good cause")
    assert weigh.met is False
    assert {"ndcal.discovery.no_good_cause", "ndcal.discovery.denied"} <= set(weigh.quote_ids)
    # the engine does not pretend there is a counting rule
    assert "did not say how many failed factors" in r.summary


def test_bodyguard_letters_rogatory_denial_affirmed_on_three_failed_factors():
    r = registry.decide(LETTERS, letters_rogatory_source_facts())
    assert r.outcome == Outcome.discovery_denied
    f1 = by_element(r, "(1)")
    assert f1.met is False
    assert {"dhaw.discovery.f1_no_doe_ips", "dhaw.discovery.f1_netherlands", "dhaw.discovery.f1_host_not_defendant",
            "dhaw.discovery.f1_mischaracterization", "dhaw.discovery.f1_affirmed"} <= set(f1.quote_ids)
    f2 = by_element(r, "(2)")
    assert f2.met is None and UNDECIDED in f2.explanation  # not disputed on the objection
    assert "dhaw.discovery.three_errors" in f2.quote_ids
    f3 = by_element(r, "(3)")
    assert f3.met is False and f3.quote_ids == ("dhaw.discovery.f3_cannot_withstand",)
    f4 = by_element(r, "(4)")
    assert f4.met is False
    assert {"dhaw.discovery.f4_beliefs_not_evidence", "dhaw.discovery.f4_mischaracterizes",
            "dhaw.discovery.f4_all_four_entities"} <= set(f4.quote_ids)
    review = by_element(r, "Objection")
    assert review.met is False
    assert {"dhaw.discovery.clearly_erroneous", "dhaw.discovery.not_dispositive", "dhaw.discovery.three_of_four",
            "dhaw.discovery.affirmed"} <= set(review.quote_ids)
    assert "affirmed" in r.summary


def test_bodyguard_particularity_alone_is_not_met():
    r = registry.decide(PARTICULARITY, particularity_source_facts())
    assert r.outcome == Outcome.factor_not_met
    assert "dhaw.discovery.f1_no_doe_ips" in r.quote_ids
    # the email argument belongs to the full motion, not to the bare particularity facts
    assert "dhaw.discovery.f1_mischaracterization" not in r.quote_ids


@pytest.mark.parametrize("tid, quote_id", [(STRIKE3, "dhaw.discovery.f1_strike3"),
                                           (TWM, "dhaw.discovery.f1_third_world_media")])
def test_described_cases_met_on_their_own_facts_and_say_they_are_described(tid, quote_id):
    test = registry.get(tid)
    r = registry.decide(tid, test.source_facts())
    assert r.outcome == Outcome.factor_met
    assert r.is_holding is False
    assert r.summary.lower().startswith("as d. haw.") and "describes it" in r.summary
    assert r.quote_ids == (quote_id,)


# --- (2) counterfactuals the opinions imply --------------------------------------------------


def test_gillespie_grants_only_when_the_subpoena_itself_names_the_infringer():
    favourable = dict(subscriber_status=SubscriberStatus.shown_to_be_infringer, steps_before_naming=0,
                      further_discovery_may_be_needed=False, defendants_served_in_similar_cases=5)
    r = decide(GILLESPIE, gillespie_source_facts(), **favourable)
    assert r.outcome == Outcome.discovery_granted
    assert "ndcal.discovery.gillespie_unless_clear" in r.quote_ids
    # any one of those alone leaves the court's combination incomplete: not decided
    for name, value in favourable.items():
        single = decide(GILLESPIE, gillespie_source_facts(), **{name: value})
        if name in ("subscriber_status",):
            assert single.outcome == Outcome.undetermined
        elif name == "steps_before_naming":
            assert single.outcome == Outcome.undetermined
        else:  # the supporting facts alone do not displace the two core findings
            assert single.outcome == Outcome.discovery_denied
        if single.outcome == Outcome.undetermined:
            assert UNDECIDED in single.summary


def test_gillespie_step_count_the_court_found_fatal_and_the_gap_it_left_open():
    for steps in range(7, 21):
        assert decide(GILLESPIE, gillespie_source_facts(), steps_before_naming=steps).outcome == Outcome.discovery_denied
    for steps in range(1, 7):
        r = decide(GILLESPIE, gillespie_source_facts(), steps_before_naming=steps)
        assert r.outcome == Outcome.undetermined
        assert by_element(r, "What stands between").met is None
    flips = {c.fact: c for c in registry.decide(GILLESPIE, gillespie_source_facts()).counterfactuals}
    assert flips["steps_before_naming"].to_value == 6
    assert flips["steps_before_naming"].outcome == Outcome.undetermined


def test_gillespie_zero_served_record_blocks_a_grant_only_where_discovery_was_granted_before():
    favourable = gillespie_source_facts().model_copy(update=dict(
        subscriber_status=SubscriberStatus.shown_to_be_infringer, steps_before_naming=0,
        further_discovery_may_be_needed=False))
    assert decide(GILLESPIE, favourable).outcome == Outcome.undetermined  # 57 grants, 0 served
    no_history = decide(GILLESPIE, favourable, similar_cases_with_early_discovery=0)
    assert no_history.outcome == Outcome.discovery_granted
    assert by_element(no_history, "Record of service").met is None


def test_semitool_single_failed_factor_is_undetermined_not_denied():
    good = semitool_source_facts().model_copy(update=dict(
        subscriber_status=SubscriberStatus.shown_to_be_infringer, steps_before_naming=0,
        further_discovery_may_be_needed=False, defendants_served_in_similar_cases=3,
        nonresident_contacts=NonresidentContacts.minimum_contacts_shown, joinder_proper=True))
    all_met = decide(SEMITOOL, good)
    assert [r.met for r in all_met.reasons[:4]] == [True, True, True, True]
    # meeting all four is not said by the sources to establish good cause
    assert all_met.outcome == Outcome.undetermined
    assert "never says that meeting all four establishes it" in all_met.summary
    only_f3_fails = decide(SEMITOOL, good, joinder_proper=False)
    assert by_element(only_f3_fails, "(3)").met is False
    assert only_f3_fails.outcome == Outcome.undetermined and UNDECIDED in only_f3_fails.summary
    only_f2_fails = decide(SEMITOOL, good, date_and_time_stated=False)
    assert by_element(only_f2_fails, "(2)").met is False
    assert only_f2_fails.outcome == Outcome.undetermined


def test_semitool_factor_1_follows_the_courts_jurisdiction_reasoning():
    src = semitool_source_facts()
    piece = decide(SEMITOOL, src, nonresident_contacts=NonresidentContacts.piece_transferred_to_forum_resident)
    f1 = by_element(piece, "(1)")
    assert f1.met is False and "ndcal.discovery.f1_miniscule" in f1.quote_ids
    contacts = decide(SEMITOOL, src, nonresident_contacts=NonresidentContacts.minimum_contacts_shown)
    assert by_element(contacts, "(1)").met is True
    # reliable state geolocation removes the court's reason but the opinion does not say it suffices
    geo = decide(SEMITOOL, src, geolocation_reliable_to_state=True, subscribers_found_outside_forum_before=False)
    assert by_element(geo, "(1)").met is None and UNDECIDED in by_element(geo, "(1)").explanation
    assert geo.outcome == Outcome.undetermined


def test_semitool_factor_3_takes_joinder_from_the_joinder_tests():
    src = semitool_source_facts()
    assert by_element(decide(SEMITOOL, src, joinder_proper=None), "(3)").met is None
    assert by_element(decide(SEMITOOL, src, joinder_proper=True), "(3)").met is True
    assert by_element(decide(SEMITOOL, src, does_count=1), "(3)").met is True
    assert by_element(decide(SEMITOOL, src, joinder_proper=True, copyright_elements_alleged=False), "(3)").met is False


def test_bodyguard_particularity_as_the_described_cases_would_have_it():
    # what the cases D. Haw. describes had: the Does' IPs, dates, geolocation to the forum
    described = particularity_facts(True, True, True, True)
    r = registry.decide(PARTICULARITY, described, counterfactuals=False)
    assert r.outcome == Outcome.factor_met
    assert {"dhaw.discovery.f1_courts_have_found", "dhaw.discovery.f1_strike3"} <= set(r.quote_ids)
    # with the Doe IPs alone, or with a mixed location picture, the sources do not decide
    assert decide(PARTICULARITY, particularity_source_facts(), does_ip_addresses_provided=True).outcome == Outcome.undetermined
    mixed = particularity_facts(True, True, True, True, location_points_outside_forum=True)
    assert registry.decide(PARTICULARITY, mixed, counterfactuals=False).outcome == Outcome.undetermined
    # no single change to Bodyguard's showing is enough: the described cases had all three
    flips = registry.decide(PARTICULARITY, particularity_source_facts()).counterfactuals
    assert all(c.outcome != Outcome.factor_met for c in flips)


def test_bodyguard_with_particularity_met_is_no_longer_decided_by_the_sources():
    src = letters_rogatory_source_facts()
    better = decide(LETTERS, src, **particularity_facts(True, True, True, True).model_dump())
    assert by_element(better, "(1)").met is True
    assert better.outcome == Outcome.undetermined  # two of four still fail; D. Haw. does not weigh that
    assert UNDECIDED in better.summary


def test_bodyguard_jurisdiction_and_identification_evidence_compose():
    src = letters_rogatory_source_facts()
    assert by_element(decide(LETTERS, src, personal_jurisdiction_shown=None), "(3)").met is None
    assert by_element(decide(LETTERS, src, personal_jurisdiction_shown=True), "(3)").met is True
    belief = decide(LETTERS, src, identification_evidence=IdentificationEvidence.counsel_belief)
    assert by_element(belief, "(4)").quote_ids[0] == "dhaw.discovery.f4_beliefs_not_evidence"
    one_company = decide(LETTERS, src, identification_evidence=IdentificationEvidence.evidence_recipient_holds_identifying_info)
    assert by_element(one_company, "(4)").met is False
    every = decide(LETTERS, src, identification_evidence=IdentificationEvidence.evidence_recipient_holds_identifying_info,
                   evidence_covers_every_recipient=True)
    assert by_element(every, "(4)").met is True
    assert every.outcome == Outcome.undetermined


def test_bodyguard_same_result_on_de_novo_review():
    r = decide(LETTERS, letters_rogatory_source_facts(), review_standard=ReviewStandard.de_novo)
    assert r.outcome == Outcome.discovery_denied
    assert "dhaw.discovery.same_de_novo" in by_element(r, "Objection").quote_ids


def test_described_cases_do_not_decide_what_falls_short():
    assert decide(STRIKE3, particularity_facts(True, True, None, True)).outcome == Outcome.undetermined
    assert decide(TWM, particularity_facts(True, True, None, True)).outcome == Outcome.factor_met
    r = decide(TWM, particularity_facts(True, False, True, True))
    assert r.outcome == Outcome.undetermined and UNDECIDED in r.summary


# --- the pure helpers -------------------------------------------------------------------------


def test_particularity_from_rows_reads_an_exhibit_summary():
    rows = [
        {"ip": "192.0.2.1", "isp": "Example Cable (fictional)", "observed_at": "2012-07-23T09:44:00-05:00",
         "region": "Hawaii"},
        {"ip": "192.0.2.2", "isp": "Sample DSL (fictional)", "observed_at": "2012-07-23T10:15:00-05:00",
         "region": "hi"},
    ]
    f = particularity_from_rows(rows, ["Hawaii", "HI"])
    assert f == particularity_facts(True, True, True, True)
    rows.append({"ip": "192.0.2.3", "isp": float("nan"), "observed_at": "2012-07-23T10:20:00-05:00",
                 "region": "Nevada"})
    f = particularity_from_rows(rows, ["Hawaii"])
    assert f.isp_named is False and f.geolocation_to_forum is False and f.location_info_points_outside_forum is True
    assert particularity_from_rows([], ["Hawaii"]).does_ip_addresses_provided is False
    with pytest.raises(ValueError):
        particularity_from_rows(rows, [])


def test_particularity_from_a_course_exhibit():
    from course.exhibit import read_exhibit
    from course.records import DATA_DIR

    load = read_exhibit(DATA_DIR / "exhibits" / "ndill_doe29_doe38.csv")
    f = particularity_from_rows(load.observations.to_dict("records"), ["Illinois", "IL"])
    assert f.does_ip_addresses_provided and f.dates_of_activity_provided and f.isp_named


# --- (3) properties a lawyer would expect -------------------------------------------------------


def _strategy(model):
    fields = {}
    for name, field in model.model_fields.items():
        ann = field.annotation
        optional = typing.get_origin(ann) in (typing.Union, types.UnionType)
        inner = [a for a in typing.get_args(ann) if a is not type(None)][0] if optional else ann
        if inner is bool:
            s = st.booleans()
        elif isinstance(inner, type) and issubclass(inner, enum.Enum):
            s = st.sampled_from(list(inner))
        elif inner is int:
            lo = next((m.ge for m in field.metadata if isinstance(m, Ge)), 0)
            hi = next((m.le for m in field.metadata if isinstance(m, Le)), 100)
            s = st.integers(lo, min(hi, lo + 30))
        else:  # pragma: no cover - a new field type needs a strategy
            raise TypeError(name)
        fields[name] = st.one_of(st.none(), s) if optional else s
    return st.fixed_dictionaries(fields).map(model.model_validate)


RANK = {Outcome.discovery_denied: 0, Outcome.factor_not_met: 0, Outcome.undetermined: 1,
        Outcome.discovery_granted: 2, Outcome.factor_met: 2}
MET_RANK = {False: 0, None: 1, True: 2}

MODELS = {GILLESPIE: GillespieFacts, SEMITOOL: SemitoolFacts, LETTERS: LettersRogatoryFacts,
          PARTICULARITY: ParticularityFacts, STRIKE3: ParticularityFacts, TWM: ParticularityFacts}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ALL_TESTS).flatmap(lambda t: st.tuples(st.just(t), _strategy(MODELS[t]))))
def test_every_ruling_is_quoted_and_says_when_the_sources_are_silent(case):
    tid, facts = case
    r = registry.decide(tid, facts, counterfactuals=False)
    assert r.quote_ids
    for qid in r.quote_ids:
        assert check.check_quote(quote(qid)) is None
    for reason in r.reasons:
        assert reason.quote_ids, reason.element
        if reason.met is None:
            assert UNDECIDED in reason.explanation, reason.element
    if r.outcome == Outcome.undetermined:
        assert UNDECIDED in r.summary
    if not r.is_holding:
        assert "describes it" in r.summary
    # no explanation puts words in double quotes that are not the court's
    for text in [r.summary] + [x.explanation for x in r.reasons]:
        assert not check.check_prose(text, tid)


# Changes that supply what a court said was missing: each must never hurt the plaintiff.
GILLESPIE_HELPS = [
    ("subscriber_status", lambda f: SubscriberStatus.shown_to_be_infringer),
    ("steps_before_naming", lambda f: max(0, f.steps_before_naming - 1)),
    ("steps_before_naming", lambda f: 0),
    ("further_discovery_may_be_needed", lambda f: False),
    ("defendants_served_in_similar_cases", lambda f: f.defendants_served_in_similar_cases + 1),
]
SEMITOOL_HELPS = GILLESPIE_HELPS + [
    ("nonresident_contacts", lambda f: NonresidentContacts.minimum_contacts_shown),
    ("date_and_time_stated", lambda f: True),
    ("copyright_elements_alleged", lambda f: True),
    ("joinder_proper", lambda f: True),
    ("does_count", lambda f: 1),
]
PARTICULARITY_HELPS = [
    ("does_ip_addresses_provided", lambda f: True),
    ("dates_of_activity_provided", lambda f: True),
    ("geolocation_to_forum", lambda f: True),
    ("location_info_points_outside_forum", lambda f: False),
]
LETTERS_HELPS = PARTICULARITY_HELPS + [
    ("steps_to_identify_recounted", lambda f: True),
    ("personal_jurisdiction_shown", lambda f: True),
    ("evidence_covers_every_recipient", lambda f: True),
    ("identification_evidence", lambda f: IdentificationEvidence.evidence_recipient_holds_identifying_info),
]


def _never_worse(tid, facts, helps):
    before = registry.decide(tid, facts, counterfactuals=False)
    for name, change in helps:
        after_facts = type(facts).model_validate({**facts.model_dump(), name: change(facts)})
        after = registry.decide(tid, after_facts, counterfactuals=False)
        assert RANK[after.outcome] >= RANK[before.outcome], (name, before.outcome, after.outcome)
        for b, a in zip(before.reasons, after.reasons):
            assert b.element == a.element
            if b.element[:3] in ("(1)", "(2)", "(3)", "(4)"):
                assert MET_RANK[a.met] >= MET_RANK[b.met], (name, b.element, b.met, a.met)


@settings(max_examples=50, deadline=None)
@given(_strategy(GillespieFacts))
def test_gillespie_supplying_a_missing_fact_never_hurts_the_plaintiff(facts):
    _never_worse(GILLESPIE, facts, GILLESPIE_HELPS)


@settings(max_examples=50, deadline=None)
@given(_strategy(SemitoolFacts))
def test_semitool_supplying_a_missing_fact_never_hurts_the_plaintiff(facts):
    _never_worse(SEMITOOL, facts, SEMITOOL_HELPS)
    r = registry.decide(SEMITOOL, facts, counterfactuals=False)
    # the only decided outcome is a denial, and only when factors 1, 3 and 4 all fail
    failed = {r.element[1] for r in r.reasons if r.element.startswith("(") and r.met is False}
    assert (r.outcome == Outcome.discovery_denied) == ({"1", "3", "4"} <= failed)
    assert r.outcome != Outcome.discovery_granted


@settings(max_examples=50, deadline=None)
@given(_strategy(LettersRogatoryFacts))
def test_letters_supplying_a_missing_fact_never_hurts_the_plaintiff(facts):
    _never_worse(LETTERS, facts, LETTERS_HELPS)
    r = registry.decide(LETTERS, facts, counterfactuals=False)
    other = facts.model_copy(update={"review_standard": ReviewStandard.de_novo
                                     if facts.review_standard == ReviewStandard.clear_error else ReviewStandard.clear_error})
    assert registry.decide(LETTERS, other, counterfactuals=False).outcome == r.outcome  # same result either way


@settings(max_examples=40, deadline=None)
@given(_strategy(ParticularityFacts))
def test_particularity_supplying_a_missing_fact_never_hurts_the_plaintiff(facts):
    for tid in (PARTICULARITY, STRIKE3, TWM):
        _never_worse(tid, facts, PARTICULARITY_HELPS + [("isp_named", lambda f: True)])


# --- (4) bad facts ---------------------------------------------------------------------------


@pytest.mark.parametrize("tid, field", [(GILLESPIE, "steps_before_naming"), (SEMITOOL, "joinder_proper"),
                                        (LETTERS, "personal_jurisdiction_shown"), (PARTICULARITY, "geolocation_to_forum")])
def test_a_missing_fact_is_named(tid, field):
    raw = registry.get(tid).source_facts().model_dump()
    del raw[field]
    with pytest.raises(registry.BadFacts, match=field):
        registry.decide(tid, raw)


@pytest.mark.parametrize("tid, field, value", [
    (GILLESPIE, "steps_before_naming", -1),
    (GILLESPIE, "defendants_served_in_similar_cases", -3),
    (GILLESPIE, "steps_before_naming", "seven"),
    (GILLESPIE, "subscriber_status", "probably"),
    (SEMITOOL, "does_count", 0),
    (SEMITOOL, "geolocation_reliable_to_state", "sometimes"),
    (LETTERS, "letters_sought_count", 0),
    (LETTERS, "identification_evidence", "hunch"),
    (LETTERS, "review_standard", "vibes"),
])
def test_a_bad_fact_is_named(tid, field, value):
    raw = {**registry.get(tid).source_facts().model_dump(mode="json"), field: value}
    with pytest.raises(registry.BadFacts, match=field):
        registry.decide(tid, raw)


def test_an_unknown_fact_is_named():
    raw = {**gillespie_source_facts().model_dump(mode="json"), "settlement_letters_sent": 90}
    with pytest.raises(registry.BadFacts, match="settlement_letters_sent"):
        registry.decide(GILLESPIE, raw)


def test_particularity_helper_refuses_non_booleans():
    with pytest.raises(TypeError, match="has_ip_addresses"):
        particularity_facts("yes", True, True, True)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="has_isp"):
        particularity_facts(True, True, "Comcast", True)  # type: ignore[arg-type]
