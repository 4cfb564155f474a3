"""Joinder (Rules 20 and 21): each source's own facts give the source's result, for the court's
reasons; counterfactuals find the thresholds the opinions imply; invariants a lawyer expects."""
import datetime as dt
import functools

import pytest
from hypothesis import given, settings, strategies as st

from course import check, factgen, registry
from course.joinder import (
    CP_PRODUCTIONS_FEE_PER_CASE_USD,
    NDCAL_HOURS_APART,
    NDILL_DECIDED_GAP_HOURS,
    AppearanceTiming,
    CaseStage,
    DiscretionarySeveranceFacts,
    PermissiveJoinderFacts,
    SameTimeJoinderFacts,
    SwarmConcertFacts,
    SwarmLink,
    TwoPartJoinderFacts,
    filing_fees_saved,
    ndcal_timing,
    ndill_joinable_window_hours,
)
from course.records import Speaker, quote
from course.ruling import Basis, Outcome

UNDECIDED = "The sources do not decide this"
JOINDER_TESTS = (
    "joinder.ndcal_2012",
    "joinder.ndill_2013",
    "joinder.voltage_two_part",
    "joinder.call_of_the_wild_permissive",
    "joinder.rule21_discretion",
)

# The two observations in No. 12 cv 6677, as the N.D. Ill. opinion gives them (Discussion, Part I).
DOE_29 = dt.datetime(2012, 7, 23, 9, 44)
DOE_38 = dt.datetime(2012, 8, 9, 1, 32)
GAP_29_38_HOURS = (DOE_38 - DOE_29).total_seconds() / 3600


def source(test_id):
    return registry.get(test_id).source_facts()


def by_element(ruling):
    return {r.element: r for r in ruling.reasons}


def ndill_facts(**changes):
    base = dict(swarm_link=SwarmLink.same_hash_only, same_time_alleged=False, gap_hours=GAP_29_38_HOURS)
    base.update(changes)
    return SameTimeJoinderFacts(**base)


@functools.lru_cache(maxsize=None)
def quote_ok(qid):
    return check.check_quote(quote(qid)) is None


# --- 1. the sources' own facts give the sources' results ------------------------------------


def test_registry_holds_the_five_tests_with_their_status():
    tests = registry.load_all()
    holding = {t: tests[t].is_holding for t in JOINDER_TESTS}
    assert holding == {
        "joinder.ndcal_2012": True,
        "joinder.ndill_2013": True,
        "joinder.voltage_two_part": False,
        "joinder.call_of_the_wild_permissive": False,
        "joinder.rule21_discretion": True,
    }
    for t in JOINDER_TESTS:
        assert tests[t].issue == "joinder"
        assert tests[t].fn.__doc__ and tests[t].source_facts is not None


def test_hard_drive_severs_does_2_90_because_the_probability_argument_fails():
    facts = source("joinder.ndcal_2012")
    assert (facts.does_count, facts.span_days) == (90, 63)
    ruling = registry.decide("joinder.ndcal_2012", facts)
    assert ruling.outcome == Outcome.joinder_improper and ruling.is_holding
    when = ruling.element("ndcal.joinder.when_decided")  # decided with the application, not deferred: stated
    assert when.basis == Basis.stated and "ndcal.joinder.considered_alongside" in when.quote_ids
    swarm = ruling.element("ndcal.joinder.same_swarm")  # a rule the court stated: the same swarm is not enough
    assert swarm.basis == Basis.stated and "ndcal.joinder.same_swarm_insufficient" in swarm.quote_ids
    transfers = ruling.element("ndcal.joinder.transfers")
    assert transfers.met is False and transfers.basis == Basis.held
    assert transfers.quote_ids == ("ndcal.joinder.no_doe_to_doe_transfer",)
    prob = ruling.element("ndcal.joinder.probability")
    assert prob.met is False
    assert {"ndcal.joinder.probability_illogical", "ndcal.joinder.speed_unlikely"} <= set(prob.quote_ids)
    concert = ruling.element("ndcal.joinder.concerted_activity")
    assert concert.met is False and concert.basis == Basis.held
    assert {"ndcal.joinder.completely_different_times", "ndcal.joinder.misjoinder"} <= set(concert.quote_ids)
    assert "Does 2-90" in ruling.summary
    assert "ndcal.joinder.does_2_90_severed" in ruling.element("ndcal.joinder.remedy").quote_ids


def test_malibu_media_6677_gap_is_computed_from_the_two_observations():
    assert GAP_29_38_HOURS == pytest.approx(16 * 24 + 15 + 48 / 60)  # 16 days 15 h 48 min
    assert GAP_29_38_HOURS == pytest.approx(399.8)
    assert NDILL_DECIDED_GAP_HOURS == pytest.approx(GAP_29_38_HOURS)
    assert source("joinder.ndill_2013") == ndill_facts()


def test_malibu_media_6677_severs_doe_38_because_the_does_were_not_there_at_the_same_time():
    ruling = registry.decide("joinder.ndill_2013", ndill_facts())
    assert ruling.outcome == Outcome.joinder_improper and ruling.is_holding
    same_time = ruling.element("ndill.joinder.same_time")
    assert same_time.met is False and same_time.basis == Basis.held
    assert {"ndill.joinder.strains_credulity", "ndill.joinder.not_alleged_same_time"} <= set(same_time.quote_ids)
    assert "16 days 15 h 48 min" in same_time.explanation
    # the hash shows only the same piece at some point: the court did not rest on the swarm element
    swarm = ruling.element("ndill.joinder.same_swarm")
    assert swarm.met is None and swarm.basis == Basis.not_reached
    assert {"ndill.joinder.hash_same_piece", "ndill.joinder.hash_not_single_swarm"} <= set(swarm.quote_ids)
    # Rule 20(a)(2)(B) was quoted, never reached (review 3-F)
    assert ruling.element("ndill.joinder.common_question").basis == Basis.not_reached
    assert "ndill.joinder.severance_appropriate" in ruling.element("ndill.joinder.remedy").quote_ids


def test_voltage_two_part_test_as_ndill_describes_it():
    ruling = registry.decide("joinder.voltage_two_part", source("joinder.voltage_two_part"))
    assert ruling.outcome == Outcome.joinder_improper
    assert ruling.is_holding is False and "as N.D. Ill. describes it" in ruling.summary
    r = by_element(ruling)
    assert r["(a) In a common swarm at the same time as each other Doe"].met is False
    assert r["(b) Actually exchanged a piece with another"].met is False
    assert all("ndill.joinder.voltage_two_part" in x.quote_ids for x in ruling.reasons)


def test_call_of_the_wild_defers_joinder_as_ndcal_describes_it():
    ruling = registry.decide("joinder.call_of_the_wild_permissive", source("joinder.call_of_the_wild_permissive"))
    assert ruling.outcome == Outcome.joinder_deferred
    assert ruling.is_holding is False and "as N.D. Cal. describes it" in ruling.summary
    assert {"ndcal.joinder.call_of_the_wild_uploader", "ndcal.joinder.some_courts_deferred"} <= set(ruling.quote_ids)
    # Diabolic's criticism, which N.D. Cal. followed, travels with the premise
    assert "ndcal.joinder.diabolic_too_tenuous" in ruling.quote_ids
    assert "joinder.ndcal_2012" in ruling.note


def test_rule21_severs_the_47_remaining_does_in_6675():
    facts = source("joinder.rule21_discretion")
    assert facts.does_count == 68 - 21 == 47
    ruling = registry.decide("joinder.rule21_discretion", facts)
    assert ruling.outcome == Outcome.sever and ruling.is_holding
    assert "ndill.joinder.forty_seven_does" in ruling.element("ndill.rule21.does_count").quote_ids
    assert ruling.element("ndill.rule21.does_count").basis == Basis.held
    # Third Degree's concerns are the court's stated summary, not findings about these 47 Does (review 3-G)
    for eid, qid in (("ndill.rule21.different_defenses", "ndill.joinder.different_defenses"),
                     ("ndill.rule21.pro_se_paper", "ndill.joinder.pro_se_paper_copies")):
        assert ruling.element(eid).basis == Basis.stated and ruling.element(eid).quote_ids == (qid,)
    fees = ruling.element("ndill.rule21.filing_fees")
    assert fees.met is True and fees.quote_ids == ("ndill.joinder.filing_fees_insufficient",)
    assert "additional ground" in ruling.summary
    # the motion's argument on the same ground is noted as advocacy, never quoted as a reason
    assert "advocacy, not a ruling" in ruling.note
    assert not any(quote(q).seed == "000" for q in ruling.quote_ids)


def test_filing_fees_saved_with_cp_productions_figures_as_the_motion_quotes_them():
    q = quote("sdtex.joinder.cp_productions_fees")
    assert q.speaker == Speaker.movant_quoting and q.seed == "000"
    assert "$105,000 rather than $350" in q.text
    assert CP_PRODUCTIONS_FEE_PER_CASE_USD * 300 == 105_000
    assert filing_fees_saved(300, CP_PRODUCTIONS_FEE_PER_CASE_USD) == 105_000 - 350
    assert filing_fees_saved(47, 350) == 16_100
    assert filing_fees_saved(1, 350) == 0


# --- 2. counterfactuals: the flips the opinions imply ---------------------------------------


def test_ndill_threshold_follows_the_session_assumption():
    ruling = registry.decide("joinder.ndill_2013", ndill_facts())
    flips = {c.fact: c for c in ruling.counterfactuals if not c.also}
    assert "session_hours" not in flips  # an assumption, not a fact to flip
    cf = flips["gap_hours"]
    window = ndill_joinable_window_hours(ndill_facts())
    assert window == 1.0
    assert cf.to_value == pytest.approx(window, abs=0.001)
    # the allegation is still missing, so closeness alone leaves it open
    assert cf.outcome == Outcome.undetermined
    # the combined change that lifts the bar: within the window, plus the allegations; a bar lifted is
    # "not precluded", never "joinder proper" (review 3-A: necessary, not sufficient)
    combined = [c for c in ruling.counterfactuals if c.also]
    assert len(combined) == 1 and combined[0].outcome == Outcome.not_precluded
    assert combined[0].to_value == pytest.approx(window)
    assert combined[0].also == {"swarm_link": SwarmLink.same_swarm, "same_time_alleged": True}
    assert "within 1 hour of the earliest" in combined[0].explanation
    applied = ndill_facts(gap_hours=combined[0].to_value, **combined[0].also)
    assert registry.decide("joinder.ndill_2013", applied).outcome == Outcome.not_precluded
    # with the allegation and the same swarm alleged: the bar is lifted within the assumed stay, applies beyond
    # it, and either way the result rests on the assumption and shows its value
    for session in (1.0, 24.0, 168.0):
        alleged = dict(swarm_link=SwarmLink.same_swarm, same_time_alleged=True, session_hours=session)
        within = registry.decide("joinder.ndill_2013", ndill_facts(gap_hours=session, **alleged))
        beyond = registry.decide("joinder.ndill_2013", ndill_facts(gap_hours=session + 0.01, **alleged))
        assert within.outcome == Outcome.not_precluded and beyond.outcome == Outcome.joinder_improper
        for r in (within, beyond):
            assert r.basis == Basis.assumed and r.assumptions == {"session_hours": session}
            assert r.heading.startswith("Applying N.D. Ill. (Lee, J.)'s stated rule, on the course's assumption")


def test_ndill_seventeen_days_fails_whatever_the_assumption():
    alleged = dict(swarm_link=SwarmLink.same_swarm, same_time_alleged=True, session_hours=399.0)
    ruling = registry.decide("joinder.ndill_2013", ndill_facts(**alleged), counterfactuals=False)
    same_time = ruling.element("ndill.joinder.same_time")
    assert same_time.met is False and same_time.basis == Basis.applied  # the court's decided gap, not the assumption
    assert "ndill.joinder.strains_credulity" in same_time.quote_ids
    assert ruling.basis == Basis.applied and not ruling.is_holding  # not the court's own facts
    # below seventeen days but beyond the assumed stay: fails, and says the line is the course's assumption
    ruling = registry.decide("joinder.ndill_2013", ndill_facts(gap_hours=48, **{**alleged, "session_hours": 24}))
    same_time = ruling.element("ndill.joinder.same_time")
    assert same_time.met is False and same_time.basis == Basis.assumed
    assert same_time.assumptions == {"session_hours": 24} and "assum" in same_time.explanation
    assert "ndill.joinder.strains_credulity" not in same_time.quote_ids


def test_ndcal_never_says_what_would_be_enough():
    ruling = registry.decide("joinder.ndcal_2012", source("joinder.ndcal_2012"))
    flips = {(c.fact, c.to_value): c.outcome for c in ruling.counterfactuals}
    assert flips[("direct_transfer_between_does_alleged", True)] == Outcome.undetermined
    assert flips[("appearance_timing", AppearanceTiming.same_time)] == Outcome.undetermined
    assert flips[("appearance_timing", AppearanceTiming.close_together)] == Outcome.undetermined
    assert Outcome.joinder_proper not in flips.values()


def test_ndcal_timing_reads_hours_apart_as_two_hours_or_more():
    assert NDCAL_HOURS_APART == 2.0
    assert ndcal_timing(0) == AppearanceTiming.same_time
    assert ndcal_timing(0.25) == ndcal_timing(1.99) == AppearanceTiming.close_together
    assert ndcal_timing(2) == ndcal_timing(24 * 63) == AppearanceTiming.hours_days_or_weeks_apart
    with pytest.raises(registry.BadFacts, match="min_gap_hours"):
        ndcal_timing(-1)


def test_rule21_gives_no_cut_off_below_47_does():
    ruling = registry.decide("joinder.rule21_discretion", source("joinder.rule21_discretion"))
    flips = {c.fact: c for c in ruling.counterfactuals}
    assert flips["does_count"].to_value == 46 and flips["does_count"].outcome == Outcome.undetermined
    for n in (2, 3):  # No. 12 cv 6677 had 2 Does; severed there on Rule 20, not for manageability
        small = registry.decide("joinder.rule21_discretion", {**source("joinder.rule21_discretion").model_dump(), "does_count": n})
        assert small.outcome == Outcome.undetermined
        assert "ndill.joinder.only_29_and_38" in small.element("ndill.rule21.does_count").quote_ids
    assert registry.decide(
        "joinder.rule21_discretion", {**source("joinder.rule21_discretion").model_dump(), "does_count": 2099}
    ).outcome == Outcome.sever


def test_voltage_needs_both_parts_and_cotw_leaves_the_later_stage_open():
    assert registry.decide("joinder.voltage_two_part", source("joinder.voltage_two_part")).counterfactuals == ()
    both = TwoPartJoinderFacts(common_swarm_same_time_alleged=True, exchange_with_another_alleged=True)
    # Voltage, as described, says what fails; both parts alleged lifts the bar, never more
    assert registry.decide("joinder.voltage_two_part", both).outcome == Outcome.not_precluded
    later = PermissiveJoinderFacts(bittorrent_alleged=True, stage=CaseStage.after_motion_to_quash)
    assert registry.decide("joinder.call_of_the_wild_permissive", later).outcome == Outcome.undetermined


# --- 3. invariants ----------------------------------------------------------------------------

ndcal_st = factgen.strategy(SwarmConcertFacts)  # keeps only coherent facts (no Does hours apart within 0 days)
ndill_st = st.builds(
    SameTimeJoinderFacts,
    swarm_link=st.sampled_from(SwarmLink),
    same_time_alleged=st.booleans(),
    gap_hours=st.floats(0, 2000),
    session_hours=st.floats(0.01, 399),
    common_question_alleged=st.booleans(),
)
voltage_st = st.builds(TwoPartJoinderFacts, common_swarm_same_time_alleged=st.booleans(),
                       exchange_with_another_alleged=st.booleans())
cotw_st = st.builds(PermissiveJoinderFacts, bittorrent_alleged=st.booleans(), stage=st.sampled_from(CaseStage))
rule21_st = st.builds(
    DiscretionarySeveranceFacts,
    does_count=st.integers(2, 5000),
    distinct_defenses_likely=st.booleans(),
    pro_se_does_expected=st.booleans(),
    main_efficiency_is_filing_fees=st.booleans(),
)
ANY_FACTS = st.one_of(
    st.tuples(st.just("joinder.ndcal_2012"), ndcal_st),
    st.tuples(st.just("joinder.ndill_2013"), ndill_st),
    st.tuples(st.just("joinder.voltage_two_part"), voltage_st),
    st.tuples(st.just("joinder.call_of_the_wild_permissive"), cotw_st),
    st.tuples(st.just("joinder.rule21_discretion"), rule21_st),
)

# How good an outcome is for the plaintiff who wants the Does joined (Rule 20 tests) ...
FOR_JOINDER = {Outcome.joinder_improper: 0, Outcome.undetermined: 1, Outcome.joinder_deferred: 2,
               Outcome.not_precluded: 2, Outcome.joinder_proper: 2}
# ... and for the Doe who wants severance (Rule 21 test).
FOR_SEVERANCE = {Outcome.keep_joined: 0, Outcome.undetermined: 1, Outcome.sever: 2}


def run(test_id, facts):
    return registry.decide(test_id, facts, counterfactuals=False)


@settings(max_examples=100, deadline=None)
@given(ANY_FACTS)
def test_every_ruling_is_explained_by_court_quotes_and_says_when_the_sources_are_silent(case):
    test_id, facts = case
    ruling = run(test_id, facts)
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        assert quote_ok(qid), qid
        # a motion's words never stand behind a ruling's reason
        assert quote(qid).speaker in (Speaker.court, Speaker.court_quoting), qid
    for r in ruling.reasons:
        if r.status == "undetermined":
            assert UNDECIDED in r.explanation, r.id
    if ruling.outcome == Outcome.undetermined:
        assert UNDECIDED in ruling.summary
    if not registry.get(test_id).is_holding:
        assert ruling.is_holding is False and "describes it" in ruling.summary


@settings(max_examples=100, deadline=None)
@given(ndcal_st)
def test_ndcal_adding_what_the_court_found_missing_never_hurts_the_plaintiff(f):
    base = FOR_JOINDER[run("joinder.ndcal_2012", f).outcome]
    for change in ({"direct_transfer_between_does_alleged": True}, {"same_swarm_alleged": True}):
        assert FOR_JOINDER[run("joinder.ndcal_2012", f.model_copy(update=change)).outcome] >= base
    order = [AppearanceTiming.hours_days_or_weeks_apart, AppearanceTiming.close_together, AppearanceTiming.same_time]
    for closer in order[order.index(f.appearance_timing):]:
        assert FOR_JOINDER[run("joinder.ndcal_2012", f.model_copy(update={"appearance_timing": closer})).outcome] >= base
    assert run("joinder.ndcal_2012", f).outcome in (Outcome.joinder_improper, Outcome.undetermined)


@settings(max_examples=100, deadline=None)
@given(ndill_st, st.floats(0, 1), st.floats(1, 2))
def test_ndill_closer_times_longer_stays_and_more_allegations_never_hurt_the_plaintiff(f, shrink, stretch):
    base = FOR_JOINDER[run("joinder.ndill_2013", f).outcome]
    stronger = [
        {"same_time_alleged": True},
        {"common_question_alleged": True},
        {"gap_hours": f.gap_hours * shrink},
        {"session_hours": min(f.session_hours * stretch, 399.0)},
        {"swarm_link": SwarmLink.same_swarm},
    ]
    if f.swarm_link == SwarmLink.no_common_swarm:
        stronger.append({"swarm_link": SwarmLink.same_hash_only})
    for change in stronger:
        assert FOR_JOINDER[run("joinder.ndill_2013", f.model_copy(update=change)).outcome] >= base, change


@settings(max_examples=50, deadline=None)
@given(voltage_st, cotw_st)
def test_described_tests_are_monotone(v, c):
    base = FOR_JOINDER[run("joinder.voltage_two_part", v).outcome]
    for name in ("common_swarm_same_time_alleged", "exchange_with_another_alleged"):
        assert FOR_JOINDER[run("joinder.voltage_two_part", v.model_copy(update={name: True})).outcome] >= base
    base = FOR_JOINDER[run("joinder.call_of_the_wild_permissive", c).outcome]
    assert FOR_JOINDER[run("joinder.call_of_the_wild_permissive", c.model_copy(update={"bittorrent_alleged": True})).outcome] >= base


@settings(max_examples=100, deadline=None)
@given(rule21_st, st.integers(0, 5000))
def test_rule21_more_does_or_more_concerns_never_hurt_the_doe_seeking_severance(f, extra):
    base = FOR_SEVERANCE[run("joinder.rule21_discretion", f).outcome]
    for change in (
        {"does_count": min(f.does_count + extra, 100_000)},
        {"distinct_defenses_likely": True},
        {"pro_se_does_expected": True},
        {"main_efficiency_is_filing_fees": True},
    ):
        assert FOR_SEVERANCE[run("joinder.rule21_discretion", f.model_copy(update=change)).outcome] >= base


@given(st.integers(1, 100_000), st.floats(0, 1000))
def test_filing_fees_saved_is_one_fee_less_than_suing_each_doe(n, fee):
    assert filing_fees_saved(n, fee) == pytest.approx(n * fee - fee)


# --- 4. bad facts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "test_id, raw, field",
    [
        ("joinder.ndill_2013", {"swarm_link": "same_swarm", "same_time_alleged": True}, "gap_hours"),
        ("joinder.ndill_2013", {"swarm_link": "same_swarm", "same_time_alleged": True, "gap_hours": "seventeen days"}, "gap_hours"),
        ("joinder.ndill_2013", {"swarm_link": "same_swarm", "same_time_alleged": True, "gap_hours": -1}, "gap_hours"),
        ("joinder.ndill_2013", {"swarm_link": "same swarm", "same_time_alleged": True, "gap_hours": 1}, "swarm_link"),
        ("joinder.ndill_2013", {"swarm_link": "same_swarm", "same_time_alleged": True, "gap_hours": 1,
                                "session_hours": 400}, "session_hours"),
        ("joinder.ndill_2013", {"swarm_link": "same_swarm", "same_time_alleged": True, "gap_hours": 1,
                                "gap_days": 1}, "gap_days"),
        ("joinder.ndcal_2012", {"does_count": 1, "same_swarm_alleged": True, "direct_transfer_between_does_alleged": False,
                                "appearance_timing": "same_time", "span_days": 1}, "does_count"),
        ("joinder.ndcal_2012", {"does_count": 90, "same_swarm_alleged": True, "direct_transfer_between_does_alleged": False,
                                "appearance_timing": "weeks", "span_days": 63}, "appearance_timing"),
        ("joinder.rule21_discretion", {"does_count": -47, "distinct_defenses_likely": True, "pro_se_does_expected": True,
                                       "main_efficiency_is_filing_fees": True}, "does_count"),
        ("joinder.rule21_discretion", {"does_count": 47, "distinct_defenses_likely": True, "pro_se_does_expected": "maybe",
                                       "main_efficiency_is_filing_fees": True}, "pro_se_does_expected"),
        ("joinder.voltage_two_part", {"common_swarm_same_time_alleged": [True]}, "common_swarm_same_time_alleged"),
        ("joinder.call_of_the_wild_permissive", {"bittorrent_alleged": True, "stage": "trial"}, "stage"),
    ],
)
def test_bad_facts_name_the_field(test_id, raw, field):
    with pytest.raises(registry.BadFacts, match=f"'{field}"):
        registry.decide(test_id, raw)


def test_bad_facts_that_are_not_an_object():
    with pytest.raises(registry.BadFacts, match="JSON object"):
        registry.decide("joinder.ndill_2013", [399.8])


@pytest.mark.parametrize(
    "args, field",
    [((0, 350), "does_count"), ((2.5, 350), "does_count"), ((True, 350), "does_count"),
     ((47, -1), "fee_per_case_usd"), ((47, "350"), "fee_per_case_usd"), ((47, float("nan")), "fee_per_case_usd")],
)
def test_filing_fees_saved_rejects_bad_input(args, field):
    with pytest.raises(registry.BadFacts, match=field):
        filing_fees_saved(*args)
