"""Doe 328's S.D. Tex. motion (seed 000): advocacy, never a ruling; each argument's reception elsewhere."""
import pytest
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.motion import MotionFacts, arguments, relief, source_facts
from course.records import Speaker, quote
from course.ruling import Basis, Outcome

TEST = "motion.sdtex_doe328_2012"
ADVOCACY = {Speaker.movant, Speaker.movant_quoting}
COURT_VOICES = {Speaker.court, Speaker.court_quoting}


def reception(key, seed):
    point = next(a for a in arguments() + relief() if a.key == key)
    return next(r for r in point.receptions if r.seed == seed)


def test_the_motion_argues_and_never_rules():
    assert registry.get(TEST).is_holding is False
    ruling = registry.decide(TEST, source_facts())
    assert ruling.outcome == Outcome.argued
    assert ruling.is_holding is False
    assert ruling.counterfactuals == ()
    assert "not a ruling" in ruling.summary
    assert "do not report how the S.D. Tex. ruled" in ruling.summary
    assert ruling.quote_ids
    for q in ruling.quotes:
        assert q.seed == "000" and q.speaker in ADVOCACY, q.id
    assert ruling.basis == Basis.argued
    for r in ruling.reasons:
        assert r.met is None  # a party's argument is neither met nor unmet: no court ruled on it
        assert r.basis == Basis.argued and r.status == "argued" and r.id.startswith("sdtex.motion.")
        assert "do not report how the S.D. Tex. ruled" in r.explanation


def test_every_outcome_but_argued_is_one_the_motion_can_never_give():
    never = set(registry.get(TEST).never)
    assert never == set(Outcome) - {Outcome.argued}


def test_the_joinder_argument_is_categorical_only_in_paragraph_17():
    # Changed (review 1-1): only ¶ 17's car-thief analogy is categorical; ¶ 23 turns on timing and ¶¶ 39, 42
    # imply that joinder could be shown by interaction.
    point = next(a for a in arguments() if a.key == "improper_joinder")
    assert "¶ 17" in point.summary and "¶ 23" in point.summary and "¶¶ 39, 42" in point.summary
    assert {"sdtex.motion.car_thieves", "sdtex.motion.two_different_nights",
            "sdtex.motion.no_interaction_shown"} <= set(point.quote_ids)
    # N.D. Ill.'s rule is a bar: the reception must not say joinder is proper where same-time is alleged
    assert "did not say joinder is proper" in reception("improper_joinder", "002").note


def test_the_motions_own_citation_errors_are_noted_on_its_quotes():
    from course.motion import CITATION_ERRORS

    assert len(CITATION_ERRORS) == 3
    for qid in CITATION_ERRORS:
        q = quote(qid)
        assert q.seed == "000" and q.note, qid
    assert "Pacific Century" in quote("sdtex.motion.io_group_pacific_century").note
    # ¶ 36 names VPR; ¶ 29 gives no district ("another Bit Torrent case in Illinois")
    assert "C.D. Ill." not in (quote("sdtex.motion.vpr_not_infringers").quoting or "")


def test_no_reception_claims_the_plaintiff_learned_the_does_identity():
    # Changed (review 1-5): the sources report no disclosure to the plaintiff.
    for point in arguments() + relief():
        for rec in point.receptions:
            assert "still learn" not in rec.note


def test_every_argument_and_the_relief_asked_are_shown_with_their_receptions():
    ruling = registry.decide(TEST, source_facts())
    elements = [r.element for r in ruling.reasons]
    assert len(arguments()) == 8
    assert {a.key for a in arguments()} == set(MotionFacts.model_fields)
    for a in arguments():
        assert f"Argument: {a.title}" in elements
    assert {p.key for p in relief()} == {"sever_does_2_351", "quash_verizon_subpoena", "protective_order"}
    rules = {p.key: p.rule for p in relief()}
    assert rules == {"sever_does_2_351": "Fed. R. Civ. P. 21", "quash_verizon_subpoena": "Fed. R. Civ. P. 45",
                     "protective_order": "Fed. R. Civ. P. 26(c)"}
    by_element = {r.element: r for r in ruling.reasons}
    for point in arguments() + relief():
        label = ("Argument: " if point.kind == "argument" else "Relief requested: ") + point.title
        reason = by_element[label]
        assert reason.quote_ids == point.quote_ids
        for rec in point.receptions:  # receptions are named in the explanation, with their quote ids
            assert rec.court in reason.explanation
            for qid in rec.quote_ids:
                assert qid in reason.explanation


def test_receptions_quote_the_receiving_court_in_its_own_seed():
    for point in arguments() + relief():
        for q in (quote(i) for i in point.quote_ids):
            assert q.seed == "000" and q.speaker in ADVOCACY, q.id
            assert check.check_quote(q) is None
        for rec in point.receptions:
            for q in (quote(i) for i in rec.quote_ids):
                assert q.seed == rec.seed, (point.key, q.id)
                assert q.speaker in COURT_VOICES, q.id
                assert check.check_quote(q) is None


def test_how_the_other_courts_treated_the_arguments():
    # N.D. Ill. rejected the privacy ground for quashing (002, Part II)
    r = reception("quash_protected_matter", "002")
    assert r.treatment == "rejected" and "ndill.quash.no_privacy" in r.quote_ids
    # N.D. Cal. and N.D. Ill. severed
    assert reception("improper_joinder", "001").treatment == "accepted"
    assert "ndcal.reception.does_severed" in reception("improper_joinder", "001").quote_ids
    assert reception("improper_joinder", "002").treatment == "accepted"
    assert reception("discretionary_severance", "002").treatment == "accepted"
    assert reception("filing_fee_savings", "002").treatment == "accepted"
    # D. Conn. and N.D. Ill. share the concern that an IP address is not a person. Changed (review 1-3):
    # D. Conn.'s reception leads with its own holding; "merely makes it possible—rather than plausible" is its
    # description of other courts, quoted with the words that say so.
    dconn = reception("ip_addresses_not_people", "003")
    assert dconn.quote_ids[0] == "dconn.subscriber.no_facts_beyond_status"
    assert "case.dconn.growing_weight" in dconn.quote_ids
    assert "growing weight of authority" in dconn.note
    assert "ndill.anonymity.ip_concern" in reception("ip_addresses_not_people", "002").quote_ids
    # N.D. Cal.: geolocation reliable only as to the country
    geo = reception("no_forum_contacts", "001")
    assert geo.treatment == "accepted" and "ndcal.reception.geolocation_country" in geo.quote_ids
    # no court in the seeds decided whether a civil conspiracy was pleaded
    point = next(a for a in arguments() if a.key == "civil_conspiracy_not_pleaded")
    assert all(rec.treatment == "related" for rec in point.receptions)


@settings(max_examples=100, deadline=None)
@given(st.builds(MotionFacts))
def test_any_selection_of_arguments_is_still_advocacy(facts):
    ruling = registry.decide(TEST, facts)
    assert ruling.outcome == Outcome.argued and ruling.is_holding is False
    assert ruling.counterfactuals == ()
    chosen = [name for name, on in facts.model_dump().items() if on]
    assert len(ruling.reasons) == len(chosen) + len(relief())
    assert ruling.quote_ids
    assert all(q.speaker in ADVOCACY for q in ruling.quotes)
    prose = " ".join([ruling.summary] + [r.explanation for r in ruling.reasons])
    assert check.check_prose(prose, TEST) == []
    assert "not a ruling" in ruling.summary


@pytest.mark.parametrize(
    "raw, field",
    [
        ({"improper_joinder": "strongly"}, "improper_joinder"),
        ({"ip_addresses_not_people": None}, "ip_addresses_not_people"),
        ({"court_ruled": True}, "court_ruled"),
    ],
)
def test_bad_facts_name_the_field(raw, field):
    with pytest.raises(registry.BadFacts, match=field):
        registry.decide(TEST, raw)
