"""Rulings claim exactly what each court decided.

Every registered test is walked over its source's own facts and over generated facts:
- on facts other than the deciding court's own, no ruling and no element is that court's holding;
- on the court's own facts, a court's own test is its holding unless it rests on an assumption;
- a described test is only ever described, a motion only ever argued;
- a rule the court stated only as a bar never yields the outcome it cannot give (``never``);
- every element has a stable id, and every outcome resting on an assumption shows its value.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from course import factgen, registry
from course.ruling import Basis

TESTS = registry.load_all()
IDS = sorted(TESTS)


def _check_shape(test, ruling):
    for r in ruling.reasons:
        assert r.id, f"{test.id}: element {r.element!r} has no id"
        if r.basis == Basis.assumed:
            assert r.assumptions, f"{test.id}: {r.id} is assumed but shows no assumption"
    if ruling.basis == Basis.assumed:
        assert ruling.assumptions, f"{test.id}: outcome rests on an assumption it does not show"
    assert ruling.outcome not in test.never, f"{test.id}: a bar gave {ruling.outcome.value}"
    assert ruling.court == test.court and ruling.citation == test.citation


@pytest.mark.parametrize("test_id", IDS)
def test_source_facts_give_the_courts_own_basis(test_id):
    test = TESTS[test_id]
    assert test.source_facts is not None, f"{test_id} has no source facts"
    ruling = test.fn(test.source_facts())
    _check_shape(test, ruling)
    assert ruling.on_source_facts
    if test.kind == Basis.applied:
        assert ruling.basis in (Basis.held, Basis.assumed)
        assert all(r.basis != Basis.applied for r in ruling.reasons), "on its own facts nothing is merely applied"
    else:
        assert ruling.basis == test.kind
        assert not ruling.is_holding
        assert all(r.basis != Basis.held for r in ruling.reasons)


@pytest.mark.parametrize("test_id", IDS)
def test_other_facts_are_never_the_courts_holding(test_id):
    test = TESTS[test_id]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(factgen.strategy(test.facts))
    def walk(facts):
        ruling = test.fn(facts)
        _check_shape(test, ruling)
        if registry._on_source_facts(test, facts):
            return
        assert not ruling.on_source_facts
        assert ruling.basis != Basis.held and not ruling.is_holding
        assert all(r.basis != Basis.held for r in ruling.reasons), [r.id for r in ruling.reasons if r.basis == Basis.held]
        if test.kind == Basis.applied:
            assert ruling.basis in (Basis.applied, Basis.assumed)
            assert ruling.heading.startswith("Applying ")

    walk()


def test_court_and_citation_come_from_the_case_records():
    from course.records import CASES

    for test in TESTS.values():
        record = CASES()[test.case]
        assert record.court_label and record.cite, f"{test.case}: court_label and cite are needed"
        assert test.citation.startswith(record.cite)
        if test.described_in:
            assert test.kind == Basis.described
