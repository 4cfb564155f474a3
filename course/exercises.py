"""The exercise bank (``data/exercises/<set_id>.yaml``): loading, validation and grading.

Everything here runs in the kernel. The answer key (correct flags, feedback, numeric
answers, the order of ordering items, model answers, rubrics, explanations) is read only
by :func:`grade`; what a browser may see before the student answers is :func:`public`.

Answers, by question type (what :func:`grade` accepts):

* ``single_choice``: the index of the chosen option (``int``, in the order shown: :func:`option_order`);
* ``multiple_choice``: the indices of the ticked options (a list of ``int``, in the order shown; may be empty);
* ``numeric``: a number;
* ``ordering``: the item texts in the student's order (a list of ``str``, each item once);
* ``apply_test``: ``{"outcome": "<Outcome value>", "reasons": ["<element id>", ...]}`` (ids as
  :func:`public` lists them, e.g. ``ndill.joinder.same_time``; the student sees their labels);
* ``short_answer``: the text, or ``{"text": str, "self_check": [rubric indices] | None}``.

Scoring (``Feedback.score``, 0 to 1):

* single choice and numeric: 1 or 0 (numeric: right when within ``tolerance`` of ``answer``);
* multiple choice, "right minus wrong": (correct options ticked - wrong options ticked) /
  (number of correct options), never below 0; ``correct`` only when exactly the correct
  options are ticked;
* ordering: the share of pairs of items that stand in the right relative order
  (1 when all are in order, 0 when fully reversed); ``correct`` only for the exact order;
* apply_test: half for the outcome, half for the reasons (scored like multiple choice
  against the decisive reasons; when the ruling has no decisive reason, full marks for
  ticking none). Elements that support the outcome without deciding it (:func:`supporting_reasons`)
  may be ticked or not. ``correct`` needs the right outcome and every decisive reason;
* short answer: not graded by the machine. ``correct`` is None; ``score`` is the student's
  own self-check (the share of rubric points ticked) if given, else None.

Decisive reasons of a ruling (:func:`decisive_reasons`): the ids of the ruling's decisive
elements whose ``met`` value points the same way as the outcome. For an outcome that grants
what the test asks (discovery granted, factor met, sever, ...) or lifts a bar (not precluded)
those are the elements met; for one that refuses it (joinder improper, discovery denied, not
plausible, ...) those not met; when the sources do not decide, those the sources leave open.
Elements that only explain (a stated standard, the remedy, what the court did not reach) are
never decisive. The key is the engine's ruling, never typed: the feedback shows its basis
(held, applied, assumed, described).
"""
from __future__ import annotations

import functools
import random
import re
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from . import registry
from .records import DATA_DIR, DataError, _read_yaml, _rel, load_lessons, load_quotes, quote
from .ruling import OUTCOME_LABELS, Outcome, Ruling

EXERCISES_DIR = DATA_DIR / "exercises"

_ID = r"^[a-z0-9_]+$"
_QID = r"^[a-z0-9_]+(\.[a-z0-9_]+)+$"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- the schema -----------------------------------------------------------------------


class SetInfo(_Model):
    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3)
    lesson: str | None = Field(default=None, pattern=r"^[0-9a-z_]+\.ipynb$")
    order: int = Field(ge=0)


class Option(_Model):
    text: str = Field(min_length=1)
    correct: bool
    feedback: str = Field(min_length=3)


class _Question(_Model):
    id: str = Field(pattern=_QID)
    prompt: str = Field(min_length=3)
    explanation: str = Field(min_length=3)
    quotes: tuple[str, ...] = Field(min_length=1)

    @property
    def set_id(self) -> str:
        return self.id.split(".", 1)[0]


class SingleChoice(_Question):
    type: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=2)


class MultipleChoice(_Question):
    type: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=2)


class Numeric(_Question):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0, ge=0)
    unit: str | None = None


class Ordering(_Question):
    type: Literal["ordering"]
    items: tuple[str, ...] = Field(min_length=2)


class GeneratorRef(_Model):
    name: str = Field(pattern=_ID)
    seed: int = Field(ge=0)


class ApplyTest(_Question):
    type: Literal["apply_test"]
    test_id: str
    facts: dict[str, Any] | None = None
    generator: GeneratorRef | None = None


class ShortAnswer(_Question):
    type: Literal["short_answer"]
    model_answer: str = Field(min_length=3)
    rubric: tuple[str, ...] = Field(min_length=1)


Question = Annotated[
    Union[SingleChoice, MultipleChoice, Numeric, Ordering, ApplyTest, ShortAnswer],
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single_choice", "multiple_choice", "numeric", "ordering", "apply_test", "short_answer")
_QUESTION = TypeAdapter(Question)


class ExerciseSet(_Model):
    set: SetInfo
    questions: tuple[Question, ...] = Field(min_length=1)

    @property
    def id(self) -> str:
        return self.set.id

    @property
    def title(self) -> str:
        return self.set.title

    @property
    def notebook(self) -> str:
        """The set's page in ``exercises/``: its order and id, e.g. ``02_hard_drive.ipynb``."""
        return f"{self.set.order:02d}_{self.id}.ipynb"

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"no question {question_id!r} in set {self.id!r}")


class Bank(_Model):
    sets: dict[str, ExerciseSet]

    def ordered(self) -> list[ExerciseSet]:
        return sorted(self.sets.values(), key=lambda s: (s.set.order, s.id))

    def get(self, set_id: str) -> ExerciseSet:
        if set_id not in self.sets:
            known = ", ".join(s.id for s in self.ordered()) or "none"
            raise KeyError(f"no exercise set {set_id!r} (the sets are: {known})")
        return self.sets[set_id]

    def question(self, question_id: str) -> Question:
        return self.get(question_id.split(".", 1)[0]).question(question_id)

    def questions(self) -> list[Question]:
        return [q for s in self.ordered() for q in s.questions]


# --- loading and validation -------------------------------------------------------------


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in QUESTION_TYPES:  # the discriminator's tag, not a field
        parts = parts[1:]
    return ".".join(parts) or "(record)"


def _first_error(e: ValidationError) -> tuple[str, str]:
    err = e.errors()[0]
    return _field(err["loc"]), err["msg"]


def load_set(path: Path, *, quotes: dict | None = None, lessons: set[str] | None = None) -> ExerciseSet:
    """Read and check one set file. A problem raises :class:`DataError` naming the file,
    the question id and the field."""
    where = _rel(path)
    doc = _read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("set"), dict) or not isinstance(doc.get("questions"), list):
        raise DataError(f"{where}: expected a mapping with 'set' (a mapping) and 'questions' (a list)")
    extra = sorted(set(doc) - {"set", "questions"})
    if extra:
        raise DataError(f"{where}: field {extra[0]!r}: unknown top-level key (only 'set' and 'questions')")
    try:
        info = SetInfo.model_validate(doc["set"])
    except ValidationError as e:
        field, msg = _first_error(e)
        raise DataError(f"{where}: set: field '{field}': {msg}") from None
    if info.id != path.stem:
        raise DataError(f"{where}: set: field 'id': {info.id!r} must match the file name ({path.stem!r})")
    if lessons is not None and info.lesson is not None and info.lesson not in lessons:
        raise DataError(f"{where}: set: field 'lesson': {info.lesson!r} is not a lesson in data/lessons.yaml")
    quotes = quotes if quotes is not None else load_quotes()
    questions = []
    seen: set[str] = set()
    for i, raw in enumerate(doc["questions"], start=1):
        name = raw.get("id") if isinstance(raw, dict) else None
        label = f"question {name!r}" if name else f"question {i}"
        try:
            q = _QUESTION.validate_python(raw)
        except ValidationError as e:
            field, msg = _first_error(e)
            raise DataError(f"{where}: {label}: field '{field}': {msg}") from None

        def bad(field: str, msg: str) -> DataError:
            return DataError(f"{where}: question {q.id!r}: field '{field}': {msg}")

        if q.set_id != info.id:
            raise bad("id", f"must start with the set id and a dot ({info.id}.<slug>)")
        if q.id in seen:
            raise bad("id", "duplicate id in this set")
        seen.add(q.id)
        for ref in q.quotes:
            if ref not in quotes:
                raise bad("quotes", f"unknown quote id {ref!r} (not in data/quotes)")
        questions.append(_check_question(q, bad))
    try:
        return ExerciseSet(set=info, questions=tuple(questions))
    except ValidationError as e:  # pragma: no cover - already checked piece by piece
        field, msg = _first_error(e)
        raise DataError(f"{where}: field '{field}': {msg}") from None


def _check_question(q: Question, bad) -> Question:
    if isinstance(q, (SingleChoice, MultipleChoice)):
        n = sum(o.correct for o in q.options)
        if isinstance(q, SingleChoice) and n != 1:
            raise bad("options", f"a single_choice question needs exactly one correct option, not {n}")
        if isinstance(q, MultipleChoice) and n < 1:
            raise bad("options", "a multiple_choice question needs at least one correct option")
        texts = [o.text for o in q.options]
        if len(set(texts)) != len(texts):
            raise bad("options", "two options have the same text")
    elif isinstance(q, Ordering):
        if len(set(q.items)) != len(q.items):
            raise bad("items", "two items have the same text")
    elif isinstance(q, ApplyTest):
        try:
            test = registry.get(q.test_id)
        except KeyError as e:
            raise bad("test_id", str(e).strip("'\"")) from None
        if (q.facts is None) == (q.generator is None):
            raise bad("facts", "give either facts or a generator (exactly one)")
        if q.generator is not None:
            from . import hypotheticals

            name = q.generator.name
            if name not in hypotheticals.GENERATORS:
                raise bad("generator.name", f"unknown generator {name!r}; the generators are: {', '.join(hypotheticals.names())}")
            gen_test = hypotheticals.GENERATORS[name].test_id
            if gen_test != q.test_id:
                raise bad("test_id", f"generator {name!r} makes facts for {gen_test!r}, not {q.test_id!r}")
            h = hypotheticals.hypothetical(name, q.generator.seed)
            q = q.model_copy(update={"facts": h.facts, "prompt": q.prompt.rstrip() + "\n\n" + h.prompt})
        try:
            facts = registry.parse_facts(test, q.facts)
        except registry.BadFacts as e:
            raise bad("facts", str(e)) from None
        registry.decide(q.test_id, facts, counterfactuals=False)  # it must run
    return q


def load_bank(folder: Path | None = None) -> Bank:
    """Every set in ``folder`` (default ``data/exercises``), checked. Raises :class:`DataError`."""
    folder = Path(folder) if folder is not None else EXERCISES_DIR
    quotes = load_quotes()
    try:
        lessons = {l.notebook for l in load_lessons()}
    except DataError:
        lessons = None
    sets: dict[str, ExerciseSet] = {}
    owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        s = load_set(path, quotes=quotes, lessons=lessons)
        if s.id in sets:  # pragma: no cover - the id must match the file name
            raise DataError(f"{_rel(path)}: set: field 'id': duplicate set id {s.id!r}")
        for q in s.questions:
            if q.id in owner:
                raise DataError(f"{_rel(path)}: question {q.id!r}: field 'id': duplicate; already in {owner[q.id]}")
            owner[q.id] = _rel(path)
        sets[s.id] = s
    return Bank(sets=sets)


@functools.lru_cache(maxsize=1)
def BANK() -> Bank:  # noqa: N802 - a cached constant
    return load_bank()


def get_set(set_id: str) -> ExerciseSet:
    return BANK().get(set_id)


# --- the public view -------------------------------------------------------------------


def shuffled_items(q: Ordering) -> list[str]:
    """The items in the order shown: shuffled, seeded by the question id, never the answer."""
    items = list(q.items)
    random.Random(q.id).shuffle(items)
    if items == list(q.items):
        items = items[1:] + items[:1]
    return items


def option_order(q: "SingleChoice | MultipleChoice") -> list[int]:
    """The order the options are shown in: shuffled, seeded by the question id, so the
    bank's order (often the right answer first) gives nothing away. Answers are indices
    into this order."""
    return shuffled_order(q.id, len(q.options))


def shuffled_order(question_id: str, n: int) -> list[int]:
    """A permutation of ``range(n)`` seeded by the question id (the same everywhere)."""
    order = list(range(n))
    random.Random(question_id + ":options").shuffle(order)
    return order


def shown_options(q: "SingleChoice | MultipleChoice") -> list["Option"]:
    return [q.options[i] for i in option_order(q)]


#: Outcomes that go together: an apply_test question offers the whole family of the test.
OUTCOME_FAMILIES: tuple[tuple[Outcome, ...], ...] = (
    (Outcome.joinder_proper, Outcome.joinder_improper, Outcome.joinder_deferred),
    (Outcome.sever, Outcome.keep_joined),
    (Outcome.discovery_granted, Outcome.discovery_denied),
    (Outcome.factor_met, Outcome.factor_not_met),
    (Outcome.jurisdiction_shown, Outcome.jurisdiction_not_shown, Outcome.residence_not_shown),
    (Outcome.quash_granted, Outcome.quash_denied),
    (Outcome.anonymity_granted, Outcome.anonymity_denied),
    (Outcome.plausible, Outcome.not_plausible),
    (Outcome.argued,),
)
#: Outcomes that grant what the test asks; their decisive reasons are the elements met.
GRANTING = frozenset({
    Outcome.joinder_proper, Outcome.joinder_deferred, Outcome.sever, Outcome.discovery_granted,
    Outcome.factor_met, Outcome.jurisdiction_shown, Outcome.quash_granted, Outcome.anonymity_granted,
    Outcome.plausible, Outcome.not_precluded,
})
#: Outcomes that refuse it; their decisive reasons are the elements not met.
REFUSING = frozenset({
    Outcome.joinder_improper, Outcome.keep_joined, Outcome.discovery_denied, Outcome.factor_not_met,
    Outcome.jurisdiction_not_shown, Outcome.residence_not_shown, Outcome.quash_denied, Outcome.anonymity_denied,
    Outcome.not_plausible,
})


@functools.lru_cache(maxsize=64)
def _source_outcome(test_id: str) -> Outcome | None:
    test = registry.get(test_id)
    if test.source_facts is None:
        return None
    return registry.decide(test_id, test.source_facts(), counterfactuals=False).outcome


def outcome_choices(test_id: str, ruling: Ruling | None = None) -> list[Outcome]:
    """The outcomes a student chooses from for a test: its family, then "not barred by this rule" and
    "the sources do not decide".

    The family comes from the test's ruling on its source's own facts (so it does not depend
    on the question's facts), else from ``ruling``.
    """
    open_ = [Outcome.not_precluded, Outcome.undetermined]  # a bar that does not apply; the sources silent
    probes = [_source_outcome(test_id), ruling.outcome if ruling else None]
    for o in probes:
        for family in OUTCOME_FAMILIES:
            if o in family:
                return list(family) + (open_ if o != Outcome.argued else [])
    return [o for fam in OUTCOME_FAMILIES for o in fam if o != Outcome.argued] + open_


@functools.lru_cache(maxsize=64)
def _test_elements(test_id: str) -> tuple[tuple[str, str], ...]:
    """Every element a test reports on its source's facts and on each single-fact change of them.

    Some tests name an element only for one outcome (N.D. Ill. adds its remedy when joinder
    fails); offering the union, the same whatever the question's facts, keeps the list of
    reasons from hinting at the answer.
    """
    test = registry.get(test_id)
    if test.source_facts is None:
        return ()
    facts = test.source_facts()
    ruling = registry.decide(test_id, facts)
    seen = [(r.id, r.element) for r in ruling.reasons]
    for cf in ruling.counterfactuals:
        changed = facts.model_copy(update={cf.fact: cf.to_value, **cf.also})
        seen += [(r.id, r.element) for r in registry.decide(test_id, changed, counterfactuals=False).reasons]
    return tuple(dict(seen).items())


def reason_choices(q: "ApplyTest", ruling: Ruling | None = None) -> list[tuple[str, str]]:
    """The reasons a student ticks from, as (element id, label): the test's elements, then any this
    ruling adds."""
    ruling = ruling or apply_ruling(q)
    return list(dict(list(_test_elements(q.test_id)) + [(r.id, r.element) for r in ruling.reasons]).items())


def decisive_reasons(ruling: Ruling) -> list[str]:
    """The ids of the elements that decide the ruling (see the module docstring for the rule)."""
    if ruling.outcome in GRANTING:
        want: bool | None = True
    elif ruling.outcome in REFUSING:
        want = False
    else:
        want = None
    return _unique(r.id for r in ruling.reasons if r.decisive and r.met is want)


def supporting_reasons(ruling: Ruling) -> list[str]:
    """Ids of elements that explain the ruling in the same direction without deciding it (N.D. Cal.'s
    missing transfer allegation, D. Conn.'s list of facts not pleaded): ticking them is not wrong."""
    if ruling.outcome in GRANTING:
        want: bool | None = True
    elif ruling.outcome in REFUSING:
        want = False
    else:
        return []
    return _unique(r.id for r in ruling.reasons if not r.decisive and r.met is want)


def _unique(xs) -> list:
    return list(dict.fromkeys(xs))


def apply_ruling(q: ApplyTest) -> Ruling:
    return registry.decide(q.test_id, q.facts or {}, counterfactuals=False)


def public(q: Question) -> dict[str, Any]:
    """What the browser may see before an answer: no correct flags, feedback, answer, item
    order, model answer, rubric, explanation or quote."""
    out: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    if isinstance(q, (SingleChoice, MultipleChoice)):
        out["options"] = [o.text for o in shown_options(q)]
    elif isinstance(q, Numeric):
        out["unit"] = q.unit
    elif isinstance(q, Ordering):
        out["items"] = shuffled_items(q)
    elif isinstance(q, ApplyTest):
        test = registry.get(q.test_id)
        ruling = apply_ruling(q)
        out["test"] = {"id": test.id, "court": test.court, "title": test.title, "kind": test.kind.value}
        out["outcomes"] = [{"value": o.value, "label": OUTCOME_LABELS[o]} for o in outcome_choices(q.test_id, ruling)]
        out["reasons"] = [{"id": i, "label": label} for i, label in reason_choices(q, ruling)]
    return out


# --- grading -----------------------------------------------------------------------------


class AnswerError(ValueError):
    """The answer cannot be graded (nothing chosen, not a number...). The message is for the student."""


class QuoteView(_Model):
    id: str
    text: str
    pinpoint: str
    cite: str
    speaker: str
    is_advocacy: bool


class OptionFeedback(_Model):
    text: str
    chosen: bool
    correct: bool
    feedback: str


class Feedback(BaseModel):
    """The result of grading one answer (built only after the student submits)."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    type: str
    correct: bool | None  # None: a short answer, which the machine does not grade
    score: float | None = Field(default=None, ge=0, le=1)
    headline: str
    options: tuple[OptionFeedback, ...] = ()
    expected: str | None = None  # the right answer in words (numeric, ordering, apply_test)
    explanation: str
    quotes: tuple[QuoteView, ...] = ()
    ruling: Ruling | None = None
    chosen_outcome: str | None = None
    decisive: tuple[str, ...] = ()
    model_answer: str | None = None
    rubric: tuple[str, ...] = ()


def _quote_views(ids) -> tuple[QuoteView, ...]:
    out = []
    for qid in _unique(ids):
        q = quote(qid)
        out.append(QuoteView(id=q.id, text=q.text, pinpoint=q.pinpoint, cite=q.cite(), speaker=q.speaker.value,
                             is_advocacy=q.is_advocacy))
    return tuple(out)


def _headline(correct: bool | None, score: float | None) -> str:
    if correct is None:
        return "Answer saved. Compare it with the model answer below."
    if correct:
        return "Correct."
    if score:
        return f"Partly right ({round(score * 100)}%)."
    return "Not quite."


def _index(answer: Any, n: int) -> int:
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < n:
        raise AnswerError("Choose one of the options first.")
    return answer


def _right_minus_wrong(chosen: set, right: set) -> float:
    if not right:
        return 1.0 if not chosen else 0.0
    return max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))


def grade(q: Question, answer: Any) -> Feedback:
    """Grade ``answer`` to ``q`` (answer formats and scoring rules: the module docstring)."""
    quotes = list(q.quotes)
    base = dict(question_id=q.id, type=q.type, explanation=q.explanation)
    if isinstance(q, SingleChoice):
        shown = shown_options(q)
        i = _index(answer, len(shown))
        correct = shown[i].correct
        score = 1.0 if correct else 0.0
        opts = tuple(OptionFeedback(text=o.text, chosen=j == i, correct=o.correct, feedback=o.feedback)
                     for j, o in enumerate(shown))
        return Feedback(**base, correct=correct, score=score, headline=_headline(correct, score), options=opts,
                        quotes=_quote_views(quotes))
    if isinstance(q, MultipleChoice):
        if answer is None:
            answer = []
        if not isinstance(answer, (list, tuple, set)):
            raise AnswerError("Tick the options that apply.")
        shown = shown_options(q)
        chosen = {_index(a, len(shown)) for a in answer}
        right = {j for j, o in enumerate(shown) if o.correct}
        correct = chosen == right
        score = 1.0 if correct else _right_minus_wrong(chosen, right)
        opts = tuple(OptionFeedback(text=o.text, chosen=j in chosen, correct=o.correct, feedback=o.feedback)
                     for j, o in enumerate(shown))
        return Feedback(**base, correct=correct, score=score, headline=_headline(correct, score), options=opts,
                        quotes=_quote_views(quotes))
    if isinstance(q, Numeric):
        try:
            value = float(answer)
        except (TypeError, ValueError):
            raise AnswerError("Enter a number.") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise AnswerError("Enter a number.")
        correct = abs(value - q.answer) <= q.tolerance + 1e-9
        score = 1.0 if correct else 0.0
        expected = _num(q.answer) + (f" {q.unit}" if q.unit else "")
        if q.tolerance:
            expected += f" (answers within {_num(q.tolerance)} count)"
        return Feedback(**base, correct=correct, score=score, headline=_headline(correct, score), expected=expected,
                        quotes=_quote_views(quotes))
    if isinstance(q, Ordering):
        if not isinstance(answer, (list, tuple)) or any(not isinstance(a, str) for a in answer):
            raise AnswerError("Put every item in a position.")
        if sorted(answer) != sorted(q.items):
            raise AnswerError("Use each item exactly once: choose an item for every position.")
        pos = {item: k for k, item in enumerate(answer)}
        pairs = [(a, b) for k, a in enumerate(q.items) for b in q.items[k + 1:]]
        score = sum(pos[a] < pos[b] for a, b in pairs) / len(pairs)
        correct = list(answer) == list(q.items)
        expected = " → ".join(q.items)
        return Feedback(**base, correct=correct, score=1.0 if correct else score,
                        headline=_headline(correct, score), expected=expected, quotes=_quote_views(quotes))
    if isinstance(q, ApplyTest):
        if not isinstance(answer, dict) or not answer.get("outcome"):
            raise AnswerError("Choose an outcome first.")
        try:
            chosen_outcome = Outcome(answer["outcome"])
        except ValueError:
            raise AnswerError("Choose one of the outcomes offered.") from None
        reasons = answer.get("reasons") or []
        if not isinstance(reasons, (list, tuple, set)) or any(not isinstance(r, str) for r in reasons):
            raise AnswerError("Tick the reasons by their names.")
        ruling = apply_ruling(q)
        labels = dict(reason_choices(q, ruling))
        unknown = [r for r in reasons if r not in labels]
        if unknown:
            raise AnswerError("Tick only reasons from the list offered.")
        decisive = decisive_reasons(ruling)
        neutral = set(supporting_reasons(ruling))
        outcome_right = chosen_outcome == ruling.outcome
        chosen = set(reasons)
        reasons_right = set(decisive) <= chosen and chosen - set(decisive) <= neutral
        correct = outcome_right and reasons_right
        score = 0.5 * outcome_right + 0.5 * _right_minus_wrong(chosen - neutral, set(decisive))
        score = 1.0 if correct else round(score, 4)
        decisive_quotes = [qid for r in ruling.reasons if r.id in decisive for qid in r.quote_ids]
        expected = (f"{ruling.heading}: {ruling.label}. Decisive: "
                    + ("; ".join(labels[d] for d in decisive) if decisive else "none of the listed reasons"))
        return Feedback(**base, correct=correct, score=score, headline=_headline(correct, score), expected=expected,
                        quotes=_quote_views(_unique(quotes + decisive_quotes)[:5]),
                        ruling=ruling, chosen_outcome=chosen_outcome.value, decisive=tuple(decisive))
    if isinstance(q, ShortAnswer):
        if isinstance(answer, str):
            answer = {"text": answer}
        if not isinstance(answer, dict) or not isinstance(answer.get("text"), str) or not answer["text"].strip():
            raise AnswerError("Write your answer first.")
        checked = answer.get("self_check")
        score = None
        if checked is not None:
            if not isinstance(checked, (list, tuple, set)):
                raise AnswerError("Tick the rubric points your answer covers.")
            marks = {_index(c, len(q.rubric)) for c in checked}
            score = len(marks) / len(q.rubric)
        headline = _headline(None, None) if score is None else f"Self-check: your answer covers {round(score * 100)}% of the points."
        return Feedback(**base, correct=None, score=score, headline=headline, model_answer=q.model_answer,
                        rubric=q.rubric, quotes=_quote_views(quotes))
    raise TypeError(f"unknown question type {type(q).__name__}")  # pragma: no cover


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def key_strings(q: Question) -> list[str]:
    """Every piece of the answer key of ``q`` as text (for leak tests): feedback,
    explanation, model answer, rubric points, the numeric answer, and the decisive
    reasons' explanations of an apply_test ruling."""
    out = [q.explanation]
    if isinstance(q, (SingleChoice, MultipleChoice)):
        out += [o.feedback for o in q.options]
    elif isinstance(q, Numeric):
        out.append(_num(q.answer))
    elif isinstance(q, ShortAnswer):
        out += [q.model_answer, *q.rubric]
    elif isinstance(q, ApplyTest):
        r = apply_ruling(q)
        out += [r.summary] + [x.explanation for x in r.reasons]
    return out


def practice_question(name: str, seed: int, *, set_id: str = "practice") -> ApplyTest:
    """A generated apply_test question (see :mod:`course.hypotheticals`)."""
    from . import hypotheticals

    return hypotheticals.generate(name, seed, set_id=set_id)


def safe_id(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_") or "x"
