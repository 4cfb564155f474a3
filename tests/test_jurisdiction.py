"""Personal jurisdiction (N.D. Cal. 2012; D. Haw. 2020): the sources' own facts give the sources'
results, the counterfactuals sit where the opinions put the line, and what the opinions leave
open stays open."""
import pytest
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.jurisdiction import (
    FACTOR_ORDER,
    GOES_DOWNLOADS,
    JURISDICTION_ORDER,
    PRECISION_RANK,
    UNDECIDED,
    US_ALLEGATION_RANK,
    CalderFacts,
    GeolocationParticularityFacts,
    GeolocationPrecision,
    GeolocationResidenceFacts,
    MinimumContactsFacts,
    Rule4k2Facts,
    SiteInteractivity,
    UsAudienceAllegations,
    calder_source_facts,
    geolocation_particularity_source_facts,
    geolocation_residence_source_facts,
    minimum_contacts_source_facts,
    rule_4k2_source_facts,
)
from course.records import quote
from course.ruling import Outcome

RESIDENCE = "jurisdiction.geolocation_residence_ndcal_2012"
PARTICULARITY = "jurisdiction.geolocation_particularity_sdcal"
CONTACTS = "jurisdiction.minimum_contacts_ndcal_2012"
CALDER = "jurisdiction.calder_express_aiming_dhaw_2020"
K2 = "jurisdiction.rule_4k2_dhaw_2020"
ALL = (RESIDENCE, PARTICULARITY, CONTACTS, CALDER, K2)


def _decide(test_id, facts, **kw):
    return registry.decide(test_id, facts, **kw)


def _by_element(ruling):
    return {r.element: r for r in ruling.reasons}


def _flips(ruling):
    return {c.fact: c for c in ruling.counterfactuals}


# --- the registry ------------------------------------------------------------------------


def test_the_five_tests_are_registered_with_the_right_courts_and_holding_flags():
    tests = registry.load_all()
    assert {t for t in tests if t.startswith("jurisdiction.")} == set(ALL)
    assert tests[RESIDENCE].court.startswith("N.D. Cal.") and tests[RESIDENCE].is_holding
    assert tests[CONTACTS].court.startswith("N.D. Cal.") and tests[CONTACTS].is_holding
    assert tests[CALDER].court.startswith("D. Haw.") and tests[CALDER].is_holding
    assert tests[K2].court.startswith("D. Haw.") and tests[K2].is_holding
    # S.D. Cal. only as the D. Haw. describes it
    assert tests[PARTICULARITY].is_holding is False
    assert "as D. Haw. describes it" in tests[PARTICULARITY].court
    for tid in ALL:
        assert tests[tid].fn.__doc__ and tests[tid].source_facts is not None


# --- 1. N.D. Cal.: forum residence from geolocation -----------------------------------------


def test_ndcal_geolocation_makes_no_prima_facie_showing_of_california_residence():
    ruling = _decide(RESIDENCE, geolocation_residence_source_facts())
    assert ruling.outcome == Outcome.jurisdiction_not_shown
    el = _by_element(ruling)
    trace = el["Geolocation reliably places each Doe in the forum state"]
    assert trace.met is False
    assert {"ndcal.discovery.f1_country_only", "ndcal.discovery.f1_cannot_predict_state"} <= set(trace.quote_ids)
    past = el["Earlier cases bear out the geolocation"]
    assert past.met is False and past.quote_ids == ("ndcal.jurisdiction.out_of_state_subscribers",)
    assert el["Disposition"].quote_ids == ("ndcal.jurisdiction.no_prima_facie_residence",)


def test_ndcal_without_the_admission_a_state_level_trace_is_left_open():
    ruling = _decide(RESIDENCE, geolocation_residence_source_facts())
    flip = _flips(ruling)["plaintiff_concedes_state_unreliable"]
    assert flip.to_value is False and flip.outcome == Outcome.undetermined
    # a reliable city-level trace is not decided by N.D. Cal. either
    city = GeolocationResidenceFacts(geolocation_precision=GeolocationPrecision.city, claimed_in_forum_state=True)
    r = _decide(RESIDENCE, city)
    assert r.outcome == Outcome.undetermined and UNDECIDED in r.summary
    assert _by_element(r)["Geolocation reliably places each Doe in the forum state"].met is None


@pytest.mark.parametrize("precision", [GeolocationPrecision.none, GeolocationPrecision.country])
def test_ndcal_country_level_geolocation_is_never_enough_for_state_residence(precision):
    facts = GeolocationResidenceFacts(geolocation_precision=precision, claimed_in_forum_state=True)
    assert _decide(RESIDENCE, facts).outcome == Outcome.jurisdiction_not_shown


def test_ndcal_a_model_probability_is_reported_but_decides_nothing():
    base = geolocation_residence_source_facts()
    for p in (0.0, 0.5, 0.99):
        r = _decide(RESIDENCE, base.model_copy(update={"probability_in_forum": p}), counterfactuals=False)
        assert r.outcome == Outcome.jurisdiction_not_shown
        prob = _by_element(r)["Estimated probability that an IP address is in the forum state"]
        assert prob.met is None and UNDECIDED in prob.explanation
    open_case = GeolocationResidenceFacts(
        geolocation_precision=GeolocationPrecision.city, claimed_in_forum_state=True, probability_in_forum=0.99
    )
    assert _decide(RESIDENCE, open_case).outcome == Outcome.undetermined


# --- 2. S.D. Cal. as D. Haw. describes it: particularity -------------------------------------


def test_sdcal_ip_dates_isp_and_san_diego_trace_identify_the_doe_as_dhaw_describes_it():
    ruling = _decide(PARTICULARITY, geolocation_particularity_source_facts())
    assert ruling.outcome == Outcome.factor_met
    assert ruling.is_holding is False
    assert "as D. Haw. describes it" in ruling.summary
    geo = _by_element(ruling)["Geolocation traces the IP address to the forum"]
    assert geo.met is True
    assert set(geo.quote_ids) == {"dhaw.discovery.f1_strike3", "dhaw.discovery.f1_geolocation_rationale"}


def test_sdcal_description_says_what_sufficed_not_what_is_required():
    flips = _flips(_decide(PARTICULARITY, geolocation_particularity_source_facts()))
    for fact in ("ip_address_identified", "activity_dates_given", "geolocation_in_forum"):
        assert flips[fact].outcome == Outcome.undetermined
    assert flips["geolocation_precision"].outcome == Outcome.undetermined
    assert flips["geolocation_precision"].to_value in (GeolocationPrecision.none, GeolocationPrecision.country)
    # neither the ISP's name nor city-level precision is needed: Third World Media, as D. Haw. describes it
    assert "isp_named" not in flips
    state = geolocation_particularity_source_facts().model_copy(
        update={"isp_named": False, "geolocation_precision": GeolocationPrecision.region_or_state}
    )
    r = _decide(PARTICULARITY, state)
    assert r.outcome == Outcome.factor_met
    assert "dhaw.jurisdiction.third_world_hawaii_ips" in r.quote_ids


def test_sdcal_no_ip_address_points_to_dhaws_own_holding_without_borrowing_it():
    facts = geolocation_particularity_source_facts().model_copy(update={"ip_address_identified": False})
    r = _decide(PARTICULARITY, facts)
    assert r.outcome == Outcome.undetermined
    ip = _by_element(r)["The Doe's IP address, tied to the infringing activity"]
    assert "dhaw.discovery.f1_no_doe_ips" in ip.quote_ids


# --- 3. N.D. Cal.: minimum contacts through the swarm ----------------------------------------


def test_ndcal_no_minimum_contacts_for_the_non_resident_does():
    ruling = _decide(CONTACTS, minimum_contacts_source_facts())
    assert ruling.outcome == Outcome.jurisdiction_not_shown
    el = _by_element(ruling)
    transfers = el["Specific (limited) jurisdiction: the Doe's own transfers to forum residents"]
    assert transfers.met is False and "ndcal.jurisdiction.no_transfer_alleged" in transfers.quote_ids
    assert el["The complaint's assertion of forum transfers"].quote_ids == ("ndcal.discovery.f1_summary_assertion",)
    assert el["The complaint's assertion of forum transfers"].met is False
    assert el["General jurisdiction: substantial or continuous and systematic activity in the forum"].met is False
    assert el["Disposition"].quote_ids == ("ndcal.jurisdiction.each_doe",)


def test_ndcal_one_piece_is_not_minimum_contacts_and_more_is_left_open():
    one = _decide(CONTACTS, MinimumContactsFacts(transfers_to_forum_count=1))
    assert one.outcome == Outcome.jurisdiction_not_shown
    assert "ndcal.discovery.f1_miniscule" in one.quote_ids
    flips = _flips(_decide(CONTACTS, minimum_contacts_source_facts()))
    assert flips["transfers_to_forum_count"].to_value == 2
    assert flips["transfers_to_forum_count"].outcome == Outcome.undetermined
    assert flips["continuous_systematic_activity"].outcome == Outcome.jurisdiction_shown
    # alleging the Does were in the swarm together adds no transfer to a Californian
    assert "same_time_in_swarm_alleged" not in flips
    assert "summary_forum_assertion" not in flips


# --- 4. D. Haw.: Calder express aiming -------------------------------------------------------


def test_dhaw_one_hawaii_user_is_not_express_aiming():
    ruling = _decide(CALDER, calder_source_facts())
    assert ruling.outcome == Outcome.jurisdiction_not_shown
    el = _by_element(ruling)
    aim = el["Expressly aimed at the forum state"]
    assert aim.met is False
    assert {"dhaw.jurisdiction.audience_of_one", "dhaw.jurisdiction.something_more"} <= set(aim.quote_ids)
    geo = el["Knowledge, by geolocation, of where a user is"]
    assert geo.met is False and "dhaw.jurisdiction.one_hawaii_resident" in geo.quote_ids
    assert el["Calder (1): an intentional act"].met is True
    # the court never reached the rest of the test
    for element in ("Calder (3): harm the defendants know is likely suffered in the forum",
                    "Prong 2: the claim arises out of forum-related activities",
                    "Prong 3: jurisdiction would be reasonable"):
        assert el[element].met is None and UNDECIDED in el[element].explanation


def test_dhaw_audience_size_above_one_without_targeting_is_left_open():
    flips = _flips(_decide(CALDER, calder_source_facts()))
    assert flips["forum_audience_users"].to_value == 2
    assert flips["forum_audience_users"].outcome == Outcome.undetermined
    many = calder_source_facts().model_copy(update={"forum_audience_users": 50_000})
    r = _decide(CALDER, many)
    assert r.outcome == Outcome.undetermined
    assert _by_element(r)["Expressly aimed at the forum state"].met is None


def test_dhaw_mavrix_type_targeting_flips_express_aiming():
    flips = _flips(_decide(CALDER, calder_source_facts()))
    assert flips["forum_targeted_advertising"].outcome != Outcome.jurisdiction_not_shown
    assert flips["forum_audience_integral_to_business"].outcome != Outcome.jurisdiction_not_shown
    ads = calder_source_facts().model_copy(update={"forum_targeted_advertising": True})
    r = _decide(CALDER, ads)
    assert _by_element(r)["Expressly aimed at the forum state"].met is True
    assert {"dhaw.jurisdiction.mavrix_advertisements", "dhaw.jurisdiction.rio_advertisements"} <= set(r.quote_ids)
    # the remaining prongs were never reached, so the engine will not call it jurisdiction...
    assert r.outcome == Outcome.undetermined
    # ...unless they are supplied; then the targeting fact is what flips the result
    given_rest = calder_source_facts().model_copy(update={
        "harm_known_likely_in_forum": True, "claim_arises_from_forum_activities": True, "exercise_reasonable": True,
    })
    assert _decide(CALDER, given_rest).outcome == Outcome.jurisdiction_not_shown
    flips = _flips(_decide(CALDER, given_rest))
    assert flips["forum_targeted_advertising"].outcome == Outcome.jurisdiction_shown
    mavrix = given_rest.model_copy(update={"forum_audience_users": 5_000, "forum_audience_integral_to_business": True})
    assert _decide(CALDER, mavrix).outcome == Outcome.jurisdiction_shown


def test_dhaw_passive_site_is_not_express_aiming_whatever_its_audience():
    facts = calder_source_facts().model_copy(
        update={"site_interactivity": SiteInteractivity.passive, "forum_audience_users": 10_000}
    )
    r = _decide(CALDER, facts)
    assert r.outcome == Outcome.jurisdiction_not_shown
    assert "dhaw.jurisdiction.passive_web_page" in _by_element(r)["Expressly aimed at the forum state"].quote_ids


# --- 5. D. Haw.: Rule 4(k)(2) ----------------------------------------------------------------

GOES_LIKE = Rule4k2Facts(
    us_audience_allegations=UsAudienceAllegations.specific,
    us_downloads_count=10_000,
    us_commercial_platform=True,
)


def test_dhaw_no_rule_4k2_jurisdiction_on_conclusory_allegations_and_us_providers():
    ruling = _decide(K2, rule_4k2_source_facts())
    assert ruling.outcome == Outcome.jurisdiction_not_shown
    el = _by_element(ruling)
    aim = el["Expressly aimed at the United States (same due-process test, the whole country as the forum)"]
    assert aim.met is False
    assert {"dhaw.jurisdiction.k2_conclusory", "dhaw.jurisdiction.k2_pebble_beach"} <= set(aim.quote_ids)
    providers = el["Use of U.S.-based service providers as contacts"]
    assert providers.met is False
    assert {"dhaw.jurisdiction.k2_ama_not_meaningful", "dhaw.jurisdiction.k2_undermines_rule"} <= set(
        providers.quote_ids
    )
    assert "Rule 4(k)(2)" in providers.explanation
    assert el["Argument made before the magistrate judge"].met is False
    assert "dhaw.jurisdiction.k2_failed" in el["Disposition"].quote_ids


def test_dhaw_specific_us_allegations_short_of_goes_are_left_open():
    flips = _flips(_decide(K2, rule_4k2_source_facts()))
    assert flips["us_audience_allegations"].outcome == Outcome.undetermined
    assert flips["us_downloads_count"].outcome == Outcome.undetermined
    assert flips["us_directed_advertising"].outcome == Outcome.undetermined
    assert "relies_on_us_service_providers" not in flips


def test_dhaw_goes_facts_give_rule_4k2_jurisdiction_at_roughly_50000_downloads():
    ruling = _decide(K2, GOES_LIKE)
    assert ruling.outcome == Outcome.undetermined
    flip = _flips(ruling)["us_downloads_count"]
    assert flip.to_value == GOES_DOWNLOADS == 50_000 and flip.outcome == Outcome.jurisdiction_shown
    goes = GOES_LIKE.model_copy(update={"us_downloads_count": 50_000})
    r = _decide(K2, goes)
    assert r.outcome == Outcome.jurisdiction_shown
    assert {"dhaw.jurisdiction.k2_goes_downloads", "dhaw.jurisdiction.k2_goes_platform"} <= set(r.quote_ids)
    assert "as D. Haw. describes" in r.summary
    # without a U.S. commercial platform, the Goes comparison does not hold
    assert _decide(K2, goes.model_copy(update={"us_commercial_platform": False})).outcome == Outcome.undetermined
    # Rule 4(k)(2) is unavailable against a defendant some state's courts could reach
    assert _flips(r)["subject_to_state_general_jurisdiction"].outcome == Outcome.jurisdiction_not_shown
    # raised first on appeal: the court may, but need not, consider it
    late = goes.model_copy(update={"argument_first_raised_on_appeal": True})
    assert _decide(K2, late).outcome == Outcome.undetermined
    assert _flips(_decide(K2, late))["argument_first_raised_on_appeal"].outcome == Outcome.jurisdiction_shown


# --- invariants --------------------------------------------------------------------------

precisions = st.sampled_from(list(GeolocationPrecision))
residence_facts = st.builds(
    GeolocationResidenceFacts,
    geolocation_precision=precisions,
    claimed_in_forum_state=st.booleans(),
    plaintiff_concedes_state_unreliable=st.booleans(),
    past_cases_found_out_of_state_subscribers=st.booleans(),
    probability_in_forum=st.none() | st.floats(0, 1),
)
particularity_facts = st.builds(
    GeolocationParticularityFacts,
    ip_address_identified=st.booleans(),
    activity_dates_given=st.booleans(),
    isp_named=st.booleans(),
    geolocation_precision=precisions,
    geolocation_in_forum=st.booleans(),
)
contacts_facts = st.builds(
    MinimumContactsFacts,
    transfers_to_forum_count=st.integers(0, 5_000),
    summary_forum_assertion=st.booleans(),
    same_time_in_swarm_alleged=st.booleans(),
    continuous_systematic_activity=st.booleans(),
)
maybe = st.sampled_from([None, True, False])
calder_facts = st.builds(
    CalderFacts,
    intentional_act=st.booleans(),
    forum_audience_users=st.integers(0, 100_000),
    site_interactivity=st.sampled_from(list(SiteInteractivity)),
    forum_targeted_advertising=st.booleans(),
    forum_audience_integral_to_business=st.booleans(),
    individually_targeted_forum_plaintiff=st.booleans(),
    knew_forum_user_by_geolocation=st.booleans(),
    harm_known_likely_in_forum=maybe,
    claim_arises_from_forum_activities=maybe,
    exercise_reasonable=maybe,
)
k2_facts = st.builds(
    Rule4k2Facts,
    us_audience_allegations=st.sampled_from(list(UsAudienceAllegations)),
    us_downloads_count=st.integers(0, 200_000),
    us_commercial_platform=st.booleans(),
    us_directed_advertising=st.booleans(),
    relies_on_us_service_providers=st.booleans(),
    subject_to_state_general_jurisdiction=st.booleans(),
    argument_first_raised_on_appeal=st.booleans(),
)
any_case = st.one_of(
    st.tuples(st.just(RESIDENCE), residence_facts),
    st.tuples(st.just(PARTICULARITY), particularity_facts),
    st.tuples(st.just(CONTACTS), contacts_facts),
    st.tuples(st.just(CALDER), calder_facts),
    st.tuples(st.just(K2), k2_facts),
)


_CHECKED: set[str] = set()


@settings(max_examples=100, deadline=None)
@given(any_case)
def test_every_ruling_is_explained_by_quotes_that_pass_the_source_check(case):
    test_id, facts = case
    ruling = _decide(test_id, facts, counterfactuals=False)
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        if qid not in _CHECKED:
            assert check.check_quote(quote(qid)) is None, qid
            _CHECKED.add(qid)
    # whatever the engine puts in double quotes is verbatim from a seed
    for text in [ruling.summary] + [r.explanation for r in ruling.reasons]:
        assert check.check_prose(text, test_id) == []
    # what the sources leave open, the engine says is open
    if ruling.outcome == Outcome.undetermined:
        assert UNDECIDED in ruling.summary
    for r in ruling.reasons:
        if r.met is None:
            assert UNDECIDED in r.explanation, r.element
    if test_id == PARTICULARITY:
        assert ruling.is_holding is False and ruling.outcome in (Outcome.factor_met, Outcome.undetermined)
    if test_id == RESIDENCE:
        # N.D. Cal. never says what geolocation would be enough
        assert ruling.outcome != Outcome.jurisdiction_shown


def _order(test_id, facts):
    order = FACTOR_ORDER if test_id == PARTICULARITY else JURISDICTION_ORDER
    return order[_decide(test_id, facts, counterfactuals=False).outcome]


def _never_worse(test_id, facts, **changes):
    better = facts.model_copy(update=changes)
    assert _order(test_id, better) >= _order(test_id, facts), changes


@settings(max_examples=60, deadline=None)
@given(residence_facts, precisions)
def test_residence_finer_or_unconceded_geolocation_never_hurts_the_plaintiff(facts, finer):
    if PRECISION_RANK[finer] >= PRECISION_RANK[facts.geolocation_precision]:
        _never_worse(RESIDENCE, facts, geolocation_precision=finer)
    _never_worse(RESIDENCE, facts, claimed_in_forum_state=True)
    _never_worse(RESIDENCE, facts, plaintiff_concedes_state_unreliable=False)
    _never_worse(RESIDENCE, facts, past_cases_found_out_of_state_subscribers=False)


@settings(max_examples=60, deadline=None)
@given(particularity_facts, precisions)
def test_particularity_adding_what_the_described_courts_had_never_hurts(facts, finer):
    if PRECISION_RANK[finer] >= PRECISION_RANK[facts.geolocation_precision]:
        _never_worse(PARTICULARITY, facts, geolocation_precision=finer)
    for name in ("ip_address_identified", "activity_dates_given", "isp_named", "geolocation_in_forum"):
        _never_worse(PARTICULARITY, facts, **{name: True})


@settings(max_examples=60, deadline=None)
@given(contacts_facts, st.integers(0, 5_000))
def test_contacts_more_transfers_or_forum_activity_never_hurt(facts, more):
    _never_worse(CONTACTS, facts, transfers_to_forum_count=facts.transfers_to_forum_count + more)
    _never_worse(CONTACTS, facts, continuous_systematic_activity=True)
    _never_worse(CONTACTS, facts, same_time_in_swarm_alleged=True)


@settings(max_examples=80, deadline=None)
@given(calder_facts, st.integers(0, 100_000))
def test_calder_targeting_and_audience_never_hurt_and_geolocation_knowledge_changes_nothing(facts, more):
    _never_worse(CALDER, facts, forum_audience_users=facts.forum_audience_users + more)
    for name in ("intentional_act", "forum_targeted_advertising", "forum_audience_integral_to_business",
                 "individually_targeted_forum_plaintiff"):
        _never_worse(CALDER, facts, **{name: True})
    _never_worse(CALDER, facts, site_interactivity=SiteInteractivity.interactive)
    for name in ("harm_known_likely_in_forum", "claim_arises_from_forum_activities", "exercise_reasonable"):
        if getattr(facts, name) is not True:
            _never_worse(CALDER, facts, **{name: True})
    # the plaintiff's geolocation theory: knowing where a user is does not decide express aiming
    flipped = facts.model_copy(update={"knew_forum_user_by_geolocation": not facts.knew_forum_user_by_geolocation})
    assert _order(CALDER, flipped) == _order(CALDER, facts)


@settings(max_examples=80, deadline=None)
@given(k2_facts, st.integers(0, 200_000), st.sampled_from(list(UsAudienceAllegations)))
def test_rule_4k2_us_facts_never_hurt_and_us_service_providers_never_count(facts, more, allegations):
    _never_worse(K2, facts, us_downloads_count=facts.us_downloads_count + more)
    if US_ALLEGATION_RANK[allegations] >= US_ALLEGATION_RANK[facts.us_audience_allegations]:
        _never_worse(K2, facts, us_audience_allegations=allegations)
    _never_worse(K2, facts, us_commercial_platform=True)
    _never_worse(K2, facts, us_directed_advertising=True)
    _never_worse(K2, facts, argument_first_raised_on_appeal=False)
    _never_worse(K2, facts, subject_to_state_general_jurisdiction=False)
    flipped = facts.model_copy(update={"relies_on_us_service_providers": not facts.relies_on_us_service_providers})
    assert _order(K2, flipped) == _order(K2, facts)


# --- bad facts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "test_id, raw, field",
    [
        (CALDER, {"intentional_act": True, "site_interactivity": "interactive"}, "forum_audience_users"),
        (CALDER, {"intentional_act": True, "site_interactivity": "interactive", "forum_audience_users": -1},
         "forum_audience_users"),
        (CALDER, {"intentional_act": True, "site_interactivity": "somewhat", "forum_audience_users": 1},
         "site_interactivity"),
        (CONTACTS, {"transfers_to_forum_count": "many"}, "transfers_to_forum_count"),
        (CONTACTS, {"transfers_to_forum_count": -3}, "transfers_to_forum_count"),
        (K2, {"us_audience_allegations": "conclusory", "us_downloads_count": -50}, "us_downloads_count"),
        (K2, {}, "us_audience_allegations"),
        (RESIDENCE, {"geolocation_precision": "city", "claimed_in_forum_state": True, "probability_in_forum": 1.5},
         "probability_in_forum"),
        (RESIDENCE, {"geolocation_precision": "street", "claimed_in_forum_state": True}, "geolocation_precision"),
        (PARTICULARITY, {"ip_address_identified": True, "activity_dates_given": True, "geolocation_precision": "city",
                         "geolocation_in_forum": True, "zip_code": "96813"}, "zip_code"),
    ],
)
def test_bad_facts_are_refused_with_the_field_named(test_id, raw, field):
    with pytest.raises(registry.BadFacts, match=field):
        registry.decide(test_id, raw)
