"""The exercise bank: loading and validation errors, grading of each type, and the public view."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from course import exercises as ex
from course.records import DataError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bank():
    return ex.load_bank()


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD_SINGLE = """
set: {id: demo, title: A demo set, order: 9}
questions:
  - id: demo.one
    type: single_choice
    prompt: Pick one.
    options:
      - {text: Right, correct: true, feedback: This is right.}
      - {text: Wrong, correct: false, feedback: This is wrong.}
    explanation: Because.
    quotes: [ndill.joinder.four_peers]
"""


# --- loading -------------------------------------------------------------------------------


def test_the_bank_loads_and_orientation_has_every_type(bank):
    s = bank.get("orientation")
    assert len(s.questions) >= 8
    assert {q.type for q in s.questions} == set(ex.QUESTION_TYPES)
    assert all(q.id.startswith("orientation.") for q in s.questions)


def test_a_good_file_loads(tmp_path):
    _write(tmp_path, "demo", GOOD_SINGLE)
    assert ex.load_bank(tmp_path).get("demo").question("demo.one").type == "single_choice"


@pytest.mark.parametrize("old, new, words", [
    ("quotes: [ndill.joinder.four_peers]", "quotes: [no.such.quote]", ["demo.one", "quotes", "no.such.quote"]),
    ("quotes: [ndill.joinder.four_peers]", "quotes: []", ["demo.one", "quotes"]),
    ("correct: false, feedback: This is wrong.", "correct: true, feedback: This is wrong.", ["demo.one", "options", "exactly one"]),
    ("id: demo.one", "id: other.one", ["other.one", "'id'", "set id"]),
    ("prompt: Pick one.", "prompt: Pick one.\n    colour: red", ["demo.one", "colour"]),
    ("type: single_choice", "type: essay", ["demo.one", "type"]),
    ("set: {id: demo,", "set: {id: Demo,", ["set", "id"]),
    ("    explanation: Because.\n", "", ["demo.one", "explanation"]),
])
def test_errors_name_file_question_and_field(tmp_path, old, new, words):
    assert old in GOOD_SINGLE
    _write(tmp_path, "demo", GOOD_SINGLE.replace(old, new))
    with pytest.raises(DataError) as e:
        ex.load_bank(tmp_path)
    msg = str(e.value)
    assert "demo.yaml" in msg
    for w in words:
        assert w in msg, msg


def test_file_name_must_match_set_id(tmp_path):
    _write(tmp_path, "other", GOOD_SINGLE)
    with pytest.raises(DataError, match="must match the file name"):
        ex.load_bank(tmp_path)


def test_duplicate_question_ids_across_sets(tmp_path):
    _write(tmp_path, "demo", GOOD_SINGLE)
    _write(tmp_path, "demo2", GOOD_SINGLE.replace("id: demo,", "id: demo2,"))
    with pytest.raises(DataError, match="set id"):
        ex.load_bank(tmp_path)


APPLY = """
set: {id: demo, title: A demo set, order: 9}
questions:
  - id: demo.apply
    type: apply_test
    prompt: Apply the test.
    test_id: joinder.ndill_2013
    facts: {swarm_link: same_swarm, same_time_alleged: true, gap_hours: 0.5, session_hours: 1.0}
    explanation: Because.
    quotes: [ndill.joinder.four_peers]
"""


@pytest.mark.parametrize("old, new, words", [
    ("test_id: joinder.ndill_2013", "test_id: joinder.nowhere", ["demo.apply", "test_id", "joinder.nowhere"]),
    ("gap_hours: 0.5", "gap_hours: -3", ["demo.apply", "facts", "gap_hours"]),
    ("swarm_link: same_swarm, ", "", ["demo.apply", "facts", "swarm_link"]),
    ("facts: {swarm_link: same_swarm, same_time_alleged: true, gap_hours: 0.5, session_hours: 1.0}",
     "generator: {name: no_such_generator, seed: 1}", ["demo.apply", "generator.name", "no_such_generator"]),
    ("facts: {swarm_link: same_swarm, same_time_alleged: true, gap_hours: 0.5, session_hours: 1.0}",
     "generator: {name: dconn_household, seed: 1}", ["demo.apply", "test_id", "dconn_household"]),
    ("    explanation: Because.", "    generator: {name: ndill_gap, seed: 1}\n    explanation: Because.",
     ["demo.apply", "exactly one"]),
])
def test_apply_test_errors(tmp_path, old, new, words):
    assert old in APPLY
    _write(tmp_path, "demo", APPLY.replace(old, new))
    with pytest.raises(DataError) as e:
        ex.load_bank(tmp_path)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_generated_question_gets_facts_and_prompt(tmp_path):
    body = APPLY.replace("facts: {swarm_link: same_swarm, same_time_alleged: true, gap_hours: 0.5, session_hours: 1.0}",
                         "generator: {name: ndill_gap, seed: 3}")
    _write(tmp_path, "demo", body)
    q = ex.load_bank(tmp_path).question("demo.apply")
    assert q.facts and q.prompt.startswith("Apply the test.") and "Doe A" in q.prompt


# --- grading -------------------------------------------------------------------------------


def _q(bank, qid):
    return bank.question(qid)


def test_single_choice(bank):
    q = _q(bank, "orientation.hash_shows")
    right = next(i for i, o in enumerate(ex.shown_options(q)) if o.correct)
    fb = ex.grade(q, right)
    assert fb.correct and fb.score == 1 and fb.explanation == q.explanation
    assert [o.chosen for o in fb.options].count(True) == 1
    wrong = ex.grade(q, (right + 1) % len(q.options))
    assert not wrong.correct and wrong.score == 0
    assert fb.quotes and fb.quotes[0].pinpoint and fb.quotes[0].text
    with pytest.raises(ex.AnswerError):
        ex.grade(q, None)


def test_multiple_choice_right_minus_wrong(bank):
    q = _q(bank, "orientation.who_decides")
    right = [i for i, o in enumerate(ex.shown_options(q)) if o.correct]
    wrong = [i for i, o in enumerate(ex.shown_options(q)) if not o.correct]
    assert ex.grade(q, right).correct and ex.grade(q, right).score == 1
    half = ex.grade(q, right[:2])
    assert not half.correct and half.score == pytest.approx(2 / len(right))
    assert ex.grade(q, right + wrong).score == pytest.approx((len(right) - len(wrong)) / len(right))
    assert ex.grade(q, wrong).score == 0
    assert ex.grade(q, []).score == 0


def test_numeric_with_tolerance(bank):
    q = _q(bank, "orientation.four_peers")
    assert ex.grade(q, 4).correct and not ex.grade(q, 5).correct
    assert "4 peers" in ex.grade(q, 4).expected
    loose = q.model_copy(update={"tolerance": 1.0})
    assert ex.grade(loose, 5).correct and not ex.grade(loose, 5.5).correct
    with pytest.raises(ex.AnswerError):
        ex.grade(q, "four")


def test_ordering_pairs(bank):
    q = _q(bank, "orientation.case_steps")
    items = list(q.items)
    assert ex.grade(q, items).correct and ex.grade(q, items).score == 1
    assert ex.grade(q, items[::-1]).score == 0
    swapped = [items[1], items[0], *items[2:]]
    fb = ex.grade(q, swapped)
    n = len(items)
    assert not fb.correct and fb.score == pytest.approx(1 - 1 / (n * (n - 1) / 2))
    with pytest.raises(ex.AnswerError):
        ex.grade(q, items[:-1] + items[:1])
    shown = ex.shuffled_items(q)
    assert sorted(shown) == sorted(items) and shown != items and shown == ex.shuffled_items(q)


def test_apply_test_uses_the_engine(bank):
    from course.ruling import Basis

    q = _q(bank, "malibu_ndill.apply_source")
    ruling = ex.apply_ruling(q)
    decisive = ex.decisive_reasons(ruling)
    assert ruling.outcome.value == "joinder_improper" and ruling.basis == Basis.held
    assert decisive == ["ndill.joinder.same_time"]
    fb = ex.grade(q, {"outcome": "joinder_improper", "reasons": decisive})
    assert fb.correct and fb.score == 1 and fb.ruling == ruling and fb.decisive == tuple(decisive)
    assert fb.expected.startswith("N.D. Ill. (Lee, J.) held: Joinder improper")  # the key says its basis
    only_outcome = ex.grade(q, {"outcome": "joinder_improper", "reasons": []})
    assert not only_outcome.correct and only_outcome.score == 0.5
    wrong = ex.grade(q, {"outcome": "joinder_proper", "reasons": decisive})
    assert not wrong.correct and wrong.score == 0.5
    with pytest.raises(ex.AnswerError):
        ex.grade(q, {"outcome": "joinder_improper", "reasons": ["not a reason"]})
    with pytest.raises(ex.AnswerError):
        ex.grade(q, {"reasons": []})


def test_decisive_reasons_follow_the_outcome():
    from course import registry

    ndill = registry.decide("joinder.ndill_2013", registry.get("joinder.ndill_2013").source_facts(), counterfactuals=False)
    assert ex.decisive_reasons(ndill) == ["ndill.joinder.same_time"]  # improper: the element not met
    rule21 = registry.decide("joinder.rule21_discretion", registry.get("joinder.rule21_discretion").source_facts(),
                             counterfactuals=False)
    assert rule21.outcome.value == "sever"
    # sever: the decisive elements met; the court's stated concerns explain, they do not decide
    assert ex.decisive_reasons(rule21) == ["ndill.rule21.additional_ground", "ndill.rule21.does_count",
                                          "ndill.rule21.filing_fees"]
    lifted = registry.decide("joinder.ndill_2013", {"swarm_link": "same_swarm", "same_time_alleged": True,
                                                    "gap_hours": 0.5}, counterfactuals=False)
    assert lifted.outcome.value == "not_precluded"
    assert ex.decisive_reasons(lifted) == ["ndill.joinder.same_swarm", "ndill.joinder.same_time"]


def test_short_answer_self_check(bank):
    q = _q(bank, "orientation.hash_not_time")
    fb = ex.grade(q, "The hash is the content.")
    assert fb.correct is None and fb.score is None and fb.model_answer == q.model_answer and fb.rubric == q.rubric
    fb = ex.grade(q, {"text": "x y z", "self_check": [0]})
    assert fb.score == pytest.approx(1 / len(q.rubric))
    with pytest.raises(ex.AnswerError):
        ex.grade(q, "   ")


# --- the public view leaks no key ----------------------------------------------------------------


def _public_text(q) -> str:
    return json.dumps(ex.public(q), ensure_ascii=False)


def _leaks(q) -> list[str]:
    text = _public_text(q)
    found = [k for k in ex.key_strings(q) if len(k) >= 12 and k in text and k not in q.prompt]
    if isinstance(q, (ex.SingleChoice, ex.MultipleChoice)) and re.search(r'"correct"', text):
        found.append("correct flags")
    if isinstance(q, ex.Ordering) and ex.public(q)["items"] == list(q.items):
        found.append("item order")
    return found


def test_public_has_only_allowed_keys(bank):
    allowed = {"id", "type", "prompt", "options", "unit", "items", "test", "outcomes", "reasons"}
    for q in bank.questions():
        pub = ex.public(q)
        assert set(pub) <= allowed, q.id
        for forbidden in ("explanation", "feedback", "answer", "model_answer", "rubric", "quotes", "correct"):
            assert f'"{forbidden}"' not in _public_text(q), (q.id, forbidden)


def test_public_view_of_every_bank_question_leaks_nothing(bank):
    for q in bank.questions():
        assert _leaks(q) == [], q.id


def test_public_apply_test_offers_outcomes_and_reasons(bank):
    q = bank.question("malibu_ndill.apply_source")
    pub = ex.public(q)
    values = [o["value"] for o in pub["outcomes"]]
    assert {"joinder_proper", "joinder_improper", "not_precluded", "undetermined"} <= set(values)
    # every element of the ruling is offered by id and label, among the test's others
    assert {(r.id, r.element) for r in ex.apply_ruling(q).reasons} <= {(r["id"], r["label"]) for r in pub["reasons"]}


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=12, max_size=40).filter(
    lambda s: s.strip() == s and len(set(s)) > 3)


@settings(max_examples=60, deadline=None)
@given(prompt=st.sampled_from(["Pick one of these.", "Which is it?"]),
       options=st.lists(st.tuples(_text, _text), min_size=2, max_size=5, unique_by=lambda t: t[0]),
       explanation=_text, right=st.integers(0, 4), multiple=st.booleans())
@example(prompt="Pick one of these.", options=[("000000000123", "000000000123"), ("000000000124", "single_choic")],
         explanation="000000000123", right=0, multiple=False)  # feedback inside the type's name: no leak
def test_property_no_key_string_in_public_view(prompt, options, explanation, right, multiple):
    right = right % len(options)
    kind = ex.MultipleChoice if multiple else ex.SingleChoice
    q = kind(id="demo.q", type="multiple_choice" if multiple else "single_choice", prompt=prompt,
             explanation=explanation, quotes=("ndill.joinder.four_peers",),
             options=tuple(ex.Option(text=t, correct=i == right, feedback=f) for i, (t, f) in enumerate(options)))
    text = _public_text(q)
    option_texts = [t for t, _ in options]
    # The public view's own words (field names, the question's id and type) are not question text:
    # a generated feedback such as "single_choic" may occur in them without leaking anything.
    skeleton = json.dumps(ex.public(q.model_copy(update={"options": ()})), ensure_ascii=False)
    for key in [explanation] + [f for _, f in options]:
        if not any(key in t for t in option_texts + [prompt, skeleton]):
            assert key not in text
    assert "true" not in text.replace(prompt, "")


@settings(max_examples=40, deadline=None)
@given(model=_text, rubric=st.lists(_text, min_size=1, max_size=4), answer=st.floats(-1e6, 1e6))
def test_property_short_answer_and_numeric_keys_hidden(model, rubric, answer):
    sa = ex.ShortAnswer(id="demo.s", type="short_answer", prompt="Explain.", explanation="An explanation here.",
                        quotes=("ndill.joinder.four_peers",), model_answer=model, rubric=tuple(rubric))
    text = _public_text(sa)
    assert model not in text and all(r not in text for r in rubric)
    num = ex.Numeric(id="demo.n", type="numeric", prompt="How many?", explanation="An explanation here.",
                     quotes=("ndill.joinder.four_peers",), answer=answer)
    assert set(ex.public(num)) == {"id", "type", "prompt", "unit"}


# --- notebooks: one per set, and no other -------------------------------------------------------


def _notebook_sets() -> dict[str, str]:
    out = {}
    for path in sorted((REPO / "exercises").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        m = re.search(r'exercise_set\("([a-z0-9_]+)"\)', code)
        assert m, f"{path.name}: its code cell must call exercise_set(\"<set id>\")"
        out[m.group(1)] = path.name
    return out


def test_every_set_has_a_notebook_and_vice_versa(bank):
    nbs = _notebook_sets()
    missing = sorted(set(bank.sets) - set(nbs))
    orphans = sorted(set(nbs) - set(bank.sets))
    assert not missing, f"sets without a notebook in exercises/: {missing}"
    assert not orphans, f"notebooks for sets that do not exist: {[nbs[o] for o in orphans]}"
    for set_id, name in nbs.items():
        assert name.endswith(f"_{set_id}.ipynb"), name


def test_options_are_shown_shuffled_so_the_files_order_gives_nothing_away(bank):
    from collections import Counter

    firsts = Counter()
    for s in bank.ordered():
        for q in s.questions:
            if isinstance(q, ex.SingleChoice):
                assert sorted(ex.option_order(q)) == list(range(len(q.options)))
                assert ex.option_order(q) == ex.option_order(q)  # the same every time
                assert ex.public(q)["options"] == [o.text for o in ex.shown_options(q)]
                firsts[[o.correct for o in ex.shown_options(q)].index(True)] += 1
    # the right answer is not nearly always in one place
    assert max(firsts.values()) < 0.6 * sum(firsts.values())


def test_the_reasons_offered_do_not_depend_on_the_outcome():
    """The list of reasons to tick is the test's, not the ruling's, so it cannot give the answer away."""
    from course import registry
    from course.joinder import SwarmLink

    base = registry.get("joinder.ndill_2013").source_facts()
    improper = ex.ApplyTest(id="t.a", type="apply_test", prompt="Apply the test.", test_id="joinder.ndill_2013",
                            facts=base.model_dump(mode="json"), explanation="Explained.", quotes=["ndill.joinder.strains_credulity"])
    proper_facts = base.model_copy(update={"swarm_link": SwarmLink.same_swarm, "same_time_alleged": True,
                                           "gap_hours": 0.5}).model_dump(mode="json")
    proper = improper.model_copy(update={"id": "t.b", "facts": proper_facts})
    assert ex.apply_ruling(improper).outcome != ex.apply_ruling(proper).outcome
    assert ex.public(improper)["reasons"] == ex.public(proper)["reasons"]


def test_reasons_the_court_relied_on_without_deciding_are_not_wrong(bank):
    """Hard Drive relied on the missing transfer allegation and the failed probability argument; ticking them
    with the decisive element is right (second reading of the bank, M2)."""
    q = bank.question("hard_drive.apply_joinder_source")
    ruling = ex.apply_ruling(q)
    assert ex.decisive_reasons(ruling) == ["ndcal.joinder.concerted_activity"]
    support = ex.supporting_reasons(ruling)
    assert {"ndcal.joinder.transfers", "ndcal.joinder.probability"} <= set(support)
    fb = ex.grade(q, {"outcome": ruling.outcome.value, "reasons": ex.decisive_reasons(ruling) + support})
    assert fb.correct and fb.score == 1
    stated = ex.grade(q, {"outcome": ruling.outcome.value, "reasons": ["ndcal.joinder.concerted_activity",
                                                                        "ndcal.joinder.when_decided"]})
    assert not stated.correct and stated.score < 1  # a stated standard is not a reason for the outcome
