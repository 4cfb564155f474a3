"""Motion to quash (N.D. Ill. 2013, Discussion, Part II): the court's own facts give its denial; the
court assumed standing without deciding it, so no facts ever quash the subpoena."""
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.quash import QuashFacts, source_facts
from course.records import quote
from course.ruling import Basis, Outcome

TEST = "quash.ndill_2013"


def test_doe_29_motion_to_quash_is_denied_for_the_reasons_the_court_gave():
    ruling = registry.decide(TEST, source_facts())
    assert ruling.outcome == Outcome.quash_denied and ruling.is_holding
    privilege = ruling.element("ndill.quash.privilege")
    assert privilege.met is True and privilege.basis == Basis.held
    assert "ndill.quash.no_privacy" in privilege.quote_ids
    burden = ruling.element("ndill.quash.undue_burden")
    assert burden.met is True and burden.basis == Basis.held
    assert "ndill.quash.isp_not_challenging" in burden.quote_ids
    # standing was assumed for argument's sake, not decided: not reached, never met
    standing = ruling.element("ndill.quash.standing")
    assert standing.met is None and standing.basis == Basis.not_reached
    assert "ndill.quash.standing_assumed" in standing.quote_ids


def test_grounds_i_and_ii_were_not_argued_or_addressed():
    # Changed (review 3-C): the old test engine said "(i) Reasonable time to comply: not met", as if the
    # court had decided it. Doe 29 did not argue grounds (i) and (ii) and the court did not address them.
    ruling = registry.decide(TEST, source_facts())
    for eid in ("ndill.quash.reasonable_time", "ndill.quash.travel"):
        r = ruling.element(eid)
        assert r.status == "not reached" and r.basis == Basis.not_reached and not r.decisive


def test_the_four_grounds_are_stated_not_decided():
    r = registry.decide(TEST, source_facts()).element("ndill.quash.grounds")
    assert r.basis == Basis.stated and r.status == "stated"


def test_counterfactuals_never_quash_a_ground_the_court_did_not_decide_leaves_it_open():
    # Changed (review 3-B): the old test quashed the subpoena whenever ground (i), (ii) or (iii) was
    # met, though the court assumed standing without deciding it and could only deny.
    ruling = registry.decide(TEST, source_facts())
    flips = {c.fact: c.outcome for c in ruling.counterfactuals}
    assert flips == {
        "movant_is_subpoena_recipient": Outcome.undetermined,
        "reasonable_time_to_comply": Outcome.undetermined,
        "nonparty_travel_over_100_miles": Outcome.undetermined,
        "other_privileged_matter": Outcome.undetermined,
        "recipient_objects_to_burden": Outcome.undetermined,
    }


def test_the_test_declares_that_it_can_never_quash():
    assert Outcome.quash_granted in registry.get(TEST).never


@settings(deadline=None)
@given(st.builds(QuashFacts))
def test_never_quashed_and_every_ruling_is_quoted_honestly(facts):
    ruling = registry.decide(TEST, facts, counterfactuals=False)
    assert ruling.outcome in (Outcome.quash_denied, Outcome.undetermined)
    assert ruling.element("ndill.quash.standing").met is None
    if ruling.outcome == Outcome.undetermined:
        assert "The sources do not decide this." in ruling.summary
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        assert check.check_quote(quote(qid)) is None
    prose = " ".join([ruling.summary] + [r.explanation for r in ruling.reasons])
    assert check.check_prose(prose, TEST) == []
