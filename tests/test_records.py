"""Case records and the quote bank: the real data loads and is consistent with the seeds; bad data
fails with a DataError naming the file, the record and the field; the source check catches an
altered quote, a wrong pinpoint and a misquotation in a notebook."""
from __future__ import annotations

import copy
import functools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from course import check, sources
from course.records import (
    DATA_DIR,
    CaseKind,
    DataError,
    IssueOutcome,
    Quote,
    load_cases,
    load_quotes,
    quote,
    short_name,
)

CASES_FILE = DATA_DIR / "cases.yaml"
MY_QUOTES = DATA_DIR / "quotes" / "cases.yaml"


@pytest.fixture(scope="module")
def quotes():
    return load_quotes()


@pytest.fixture(scope="module")
def cases(quotes):
    return load_cases(quotes=quotes)


# --- (1) the real data ---------------------------------------------------------------


def test_every_source_document_has_exactly_one_record(cases):
    for seed in sources.SEEDS:
        own = [c for c in cases.values() if c.seed == seed and c.kind != CaseKind.cited_decision]
        assert len(own) == 1, f"seed {seed}: {[c.id for c in own]}"
    assert cases["west_coast_motion_sdtex_2012"].kind == CaseKind.motion
    assert [c.id for c in cases.values() if c.kind == CaseKind.motion] == ["west_coast_motion_sdtex_2012"]


def test_source_records_carry_what_the_seeds_print(cases):
    hd = cases["hard_drive_ndcal_2012"]
    assert (hd.docket, str(hd.date), hd.judge) == ("No. C11-03825 HRL", "2012-03-30", "Magistrate Judge Howard R. Lloyd")
    mm = cases["malibu_media_ndill_2013"]
    assert mm.docket == "Case No. 12 cv 6675; Case No. 12 cv 6677" and str(mm.date) == "2013-09-27"
    assert cases["malibu_media_dconn_2020"].docket == "No. 3:18-cv-01369 (JAM)"
    assert cases["bodyguard_dhaw_2020"].docket == "Civ. No. 19-00139 ACK-KJM"
    assert cases["west_coast_motion_sdtex_2012"].docket == "Case No. 4:12-cv-00504"
    for c in cases.values():
        if c.date is not None:
            assert c.year == c.date.year, c.id
        if c.kind != CaseKind.cited_decision:
            assert c.date is not None and c.judge is not None or c.kind == CaseKind.motion, c.id


REQUIRED_CITED = {
    "voltage_pictures_sdga_2013": ("002",),
    "call_of_the_wild_ddc_2011": ("001",),
    "diabolic_video_ndcal_2011": ("000", "001"),
    "malibu_media_v_reynolds_ndill_2013": ("002",),
    "third_degree_films_1_131_dariz_2012": ("002",),
    "semitool_ndcal_2002": ("001",),
    "gillespie_9th_1980": ("001",),
    "calder_v_jones_1984": ("001", "004"),
    "mavrix_photo_9th_2011": ("004",),
    "cybersell_9th_1997": ("004",),
    "pebble_beach_9th_2006": ("004",),
    "strike_3_holdings_sdcal_2018": ("004",),
    "third_world_media_dhaw_2011": ("004",),
    "goes_intl_ndcal_2015": ("004",),
    "ama_multimedia_dariz_2017": ("004",),
    "cobbler_nevada_9th_2018": ("003",),
    "in_re_bittorrent_edny_2012": ("002", "003"),
    "malibu_media_ndill_2019": ("003",),
    "first_time_videos_ndill_2011": ("002",),
    "southern_methodist_5th_1979": ("002",),
    "cp_productions_ndill_2011": ("000", "002"),
    "on_the_cheap_ndcal_2011": ("000", "002"),
    "ashcroft_v_iqbal_2009": ("003",),
}


def test_the_decisions_the_course_uses_are_recorded_with_their_citing_seeds(cases):
    for cid, seeds in REQUIRED_CITED.items():
        assert cid in cases, cid
        c = cases[cid]
        assert c.kind == CaseKind.cited_decision and c.seed is None
        assert {ci.seed for ci in c.cited_in} == set(seeds), cid
    assert cases["voltage_pictures_sdga_2013"].citation == "2013 WL 2181666"
    assert cases["gillespie_9th_1980"].citation == "629 F.2d 637, 642"
    assert cases["semitool_ndcal_2002"].citation == "208 F.R.D. 273, 275"


def test_outcome_vocabulary_is_used_by_kind(cases):
    for c in cases.values():
        assert c.issues, c.id
        for iss in c.issues:
            if c.kind == CaseKind.motion:
                assert iss.outcome == IssueOutcome.requested
            elif c.kind == CaseKind.cited_decision:
                assert iss.outcome == IssueOutcome.described, (c.id, iss.issue)
                # whose description it is, in the summary's first words
                assert re.match(r"As (the [A-Z][\w.]*(?: [\w.]+)*|Doe 328's motion) describes it", iss.summary), (
                    c.id,
                    iss.summary[:60],
                )
            else:
                assert iss.outcome not in (IssueOutcome.requested, IssueOutcome.described), (c.id, iss.issue)


def test_the_rulings_are_recorded_as_the_courts_gave_them(cases):
    def outcomes(cid):
        return {i.issue: i.outcome for i in cases[cid].issues}

    hd = outcomes("hard_drive_ndcal_2012")
    assert hd["Early discovery under Gillespie"] == IssueOutcome.denied
    assert hd["Joinder of the 90 Does"] == IssueOutcome.severed
    mm = outcomes("malibu_media_ndill_2013")
    assert mm["Joinder (both cases)"] == IssueOutcome.severed
    assert mm["John Doe 29's motion to quash (12 cv 6677)"] == IssueOutcome.denied
    assert mm["John Doe 29's motion to proceed anonymously (12 cv 6677)"] == IssueOutcome.granted
    assert mm["Standing to challenge the ISP subpoena"] == IssueOutcome.not_reached
    assert mm["John Doe X's anonymity (12 cv 6675)"] == IssueOutcome.not_reached
    assert outcomes("malibu_media_dconn_2020")["Default judgment on a subscriber-only allegation"] == IssueOutcome.denied
    bg = outcomes("bodyguard_dhaw_2020")
    assert bg["Letters of request before the Rule 26(f) conference (overall)"] == IssueOutcome.affirmed


def test_quotes_behind_a_record_come_from_the_seeds_that_record_speaks_for(cases, quotes):
    for c in cases.values():
        allowed = {c.seed} if c.seed else {ci.seed for ci in c.cited_in}
        for iss in c.issues:
            for qid in iss.quotes:
                assert quotes[qid].seed in allowed, (c.id, qid)
        for qid in c.key_quotes:
            assert quotes[qid].seed in allowed, (c.id, qid)
        if c.kind == CaseKind.motion:
            assert all(quotes[q].is_advocacy for iss in c.issues for q in iss.quotes)
        elif c.seed:
            assert not any(quotes[q].is_advocacy for iss in c.issues for q in iss.quotes), c.id


def _single_line_pinpoints(seed: str) -> set[str]:
    """Every pinpoint a single line of a section-cited or paragraph-cited seed can have."""
    return {
        sources.pinpoint(sources.Location(seed, 0, 0, i, i))
        for i, line in enumerate(sources.raw_text(seed).splitlines())
        if line.strip()
    }


PAGES_001 = 12  # the order's last page (the page of the signature)


def test_cited_in_pinpoints_are_pinpoints_the_seed_can_have(cases):
    last = len(sources.raw_text("001").splitlines()) - 1
    assert sources.pinpoint(sources.Location("001", 0, 0, last, last)) == f"p. {PAGES_001}"
    possible = {s: _single_line_pinpoints(s) for s in ("000", "002", "003", "004")}
    for c in cases.values():
        assert len({(ci.seed, ci.pinpoint) for ci in c.cited_in}) == len(c.cited_in), c.id
        for ci in c.cited_in:
            if ci.seed == "001":
                m = re.fullmatch(r"pp?\. (\d+)(?::(\d+))?(?:-(?:(\d+):)?(\d+))?", ci.pinpoint)
                assert m, (c.id, ci.pinpoint)
                assert all(1 <= int(n) <= 28 for n in (m.group(2), m.group(4)) if n), (c.id, ci.pinpoint)
                assert 1 <= int(m.group(1)) <= PAGES_001, (c.id, ci.pinpoint)
            else:
                pin = ci.pinpoint
                pieces = [m.start() for m in re.finditer(" to ", pin)]
                assert pin in possible[ci.seed] or any(
                    pin[:i] in possible[ci.seed] and pin[i + 4 :] in possible[ci.seed] for i in pieces
                ), (c.id, pin)


def test_my_quotes_pass_the_source_check_and_are_all_used(cases, quotes):
    mine = {k: q for k, q in quotes.items() if k.startswith("case.")}
    assert len(mine) > 50
    assert set(mine) == {q["id"] for q in _quotes_doc()["quotes"]}
    for q in mine.values():
        assert check.check_quote(q) is None, q.id
        if q.seed == "000":
            assert q.is_advocacy, q.id
    used = {r for c in cases.values() for r in list(c.key_quotes) + [i for iss in c.issues for i in iss.quotes]}
    assert set(mine) <= used, set(mine) - used


def test_short_names_label_quotes(cases):
    assert short_name("001") == "Hard Drive (N.D. Cal. 2012)"
    assert quote("case.ndcal.probability_illogical").cite() == "Hard Drive (N.D. Cal. 2012), p. 10:16-17"
    assert "motion" in short_name("000")


# --- (2) invalid files fail with a DataError naming file, record and field -------------


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.lru_cache(maxsize=None)
def _parsed(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _cases_doc():
    return copy.deepcopy(_parsed(CASES_FILE))


def _quotes_doc():
    return copy.deepcopy(_parsed(MY_QUOTES))


def _record(doc, cid):
    return next(r for r in doc["cases"] if r["id"] == cid)


def _write(tmp_path: Path, doc, name="cases.yaml") -> Path:
    p = tmp_path / name
    p.write_text(yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def _load_error(path: Path, quotes) -> str:
    with pytest.raises(DataError) as e:
        load_cases(path, quotes=quotes)
    return str(e.value)


def test_unmodified_copy_loads(tmp_path, quotes, cases):
    assert load_cases(_write(tmp_path, _cases_doc()), quotes=quotes).keys() == cases.keys()


def test_missing_field(tmp_path, quotes):
    doc = _cases_doc()
    del _record(doc, "hard_drive_ndcal_2012")["court"]
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "cases.yaml" in msg and "'hard_drive_ndcal_2012'" in msg and "field 'court'" in msg


def test_wrong_type(tmp_path, quotes):
    doc = _cases_doc()
    _record(doc, "gillespie_9th_1980")["year"] = "nineteen eighty"
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "cases.yaml" in msg and "'gillespie_9th_1980'" in msg and "field 'year'" in msg


def test_unknown_outcome_word(tmp_path, quotes):
    doc = _cases_doc()
    _record(doc, "malibu_media_dconn_2020")["issues"][0]["outcome"] = "won"
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "cases.yaml" in msg and "'malibu_media_dconn_2020'" in msg and "field 'issues.0.outcome'" in msg


def test_unknown_quote_id(tmp_path, quotes):
    doc = _cases_doc()
    _record(doc, "voltage_pictures_sdga_2013")["issues"][0]["quotes"].append("case.ndill.no_such_quote")
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "cases.yaml" in msg and "'voltage_pictures_sdga_2013'" in msg and "field 'quotes'" in msg
    assert "case.ndill.no_such_quote" in msg


def test_a_motion_cannot_rule(tmp_path, quotes):
    doc = _cases_doc()
    _record(doc, "west_coast_motion_sdtex_2012")["issues"][0]["outcome"] = "granted"
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "cases.yaml" in msg and "'west_coast_motion_sdtex_2012'" in msg and "field 'issues.outcome'" in msg


def test_a_cited_decision_needs_its_citing_seed_and_a_source_its_seed(tmp_path, quotes):
    doc = _cases_doc()
    _record(doc, "cybersell_9th_1997")["cited_in"] = []
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "'cybersell_9th_1997'" in msg and "field 'cited_in'" in msg
    doc = _cases_doc()
    del _record(doc, "bodyguard_dhaw_2020")["seed"]
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "'bodyguard_dhaw_2020'" in msg and "field 'seed'" in msg


def test_unknown_field_and_duplicate_record(tmp_path, quotes):
    doc = _cases_doc()
    _record(doc, "semitool_ndcal_2002")["holding"] = "something the seeds do not say"
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "'semitool_ndcal_2002'" in msg and "field 'holding'" in msg
    doc = _cases_doc()
    doc["cases"].append(dict(_record(doc, "semitool_ndcal_2002")))
    msg = _load_error(_write(tmp_path, doc), quotes)
    assert "'semitool_ndcal_2002'" in msg and "field 'id'" in msg and "duplicate" in msg


def test_bad_yaml(tmp_path, quotes):
    p = tmp_path / "cases.yaml"
    p.write_text("cases:\n  - id: broken\n    caption: [unclosed\n  court: x\n", encoding="utf-8")
    msg = _load_error(p, quotes)
    assert "cases.yaml" in msg and "not valid YAML" in msg


def test_duplicate_quote_id_across_files(tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    shutil.copy(MY_QUOTES, folder / "cases.yaml")
    doc = _quotes_doc()
    other = {"quotes": [dict(doc["quotes"][0])]}
    _write(folder, other, name="zz_other.yaml")
    with pytest.raises(DataError) as e:
        load_quotes(folder)
    msg = str(e.value)
    dup = doc["quotes"][0]["id"]
    assert "zz_other.yaml" in msg and f"'{dup}'" in msg and "field 'id'" in msg and "cases.yaml" in msg


def test_bad_quote_record(tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    doc = _quotes_doc()
    doc["quotes"][3]["seed"] = "007"
    _write(folder, doc)
    with pytest.raises(DataError) as e:
        load_quotes(folder)
    msg = str(e.value)
    assert "cases.yaml" in msg and f"'{doc['quotes'][3]['id']}'" in msg and "field 'seed'" in msg


# --- (3) the source check fails on altered quotes -------------------------------------

ALTERED_ID = "case.ndcal.probability_illogical"  # "This court finds plaintiff’s probability argument illogical ..."
REPINNED_ID = "case.ndill.seventeen_days"


def _temp_repo(tmp_path: Path, quotes_doc=None, notebook_cells=None) -> Path:
    repo = tmp_path / "repo"
    (repo / "data" / "quotes").mkdir(parents=True)
    (repo / "notebooks").mkdir()
    (repo / "exercises").mkdir()
    doc = quotes_doc or _quotes_doc()
    _write(repo / "data" / "quotes", doc)
    if notebook_cells is not None:
        nb = {
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": [s]} for s in notebook_cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        (repo / "notebooks" / "00_tiny.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return repo


def _altered(quote_id: str, **change):
    doc = _quotes_doc()
    rec = next(q for q in doc["quotes"] if q["id"] == quote_id)
    rec.update(change(rec) if callable(change) else change)
    return doc


def test_the_temp_repo_is_clean_before_any_change(tmp_path):
    count, problems = check.run(repo=_temp_repo(tmp_path))
    assert problems == [] and count > 50


def test_one_changed_word_is_reported_and_only_that_quote(tmp_path):
    original = quote(ALTERED_ID).text
    changed = original.replace("illogical", "unpersuasive")
    assert changed != original
    doc = _altered(ALTERED_ID, text=changed)
    _, problems = check.run(repo=_temp_repo(tmp_path, doc))
    assert len(problems) == 1
    assert problems[0].where == f"data/quotes: {ALTERED_ID}"
    assert "not found verbatim in seed 001" in problems[0].reason
    # the same through check_quote on a modified Quote
    q = quote(ALTERED_ID).model_copy(update={"text": changed})
    assert check.check_quote(q) is not None
    assert check.check_quote(quote(ALTERED_ID)) is None


def test_a_quote_filed_under_the_wrong_seed_is_reported_with_a_hint():
    q = quote(ALTERED_ID).model_copy(update={"seed": "002"})
    p = check.check_quote(q)
    assert p is not None and "(it is in 001)" in p.reason


def test_a_changed_pinpoint_is_reported(tmp_path):
    right = quote(REPINNED_ID).pinpoint
    assert right == "Discussion, Part I (joinder)"
    doc = _altered(REPINNED_ID, pinpoint="Discussion, Part II (motion to quash)")
    _, problems = check.run(repo=_temp_repo(tmp_path, doc))
    assert len(problems) == 1
    assert problems[0].where == f"data/quotes: {REPINNED_ID}"
    assert repr(right) in problems[0].reason
    q = quote("case.ndcal.probability_illogical")
    assert check.check_quote(q.model_copy(update={"pinpoint": "p. 10:17-18"})) is not None


def test_notebook_markdown_is_checked(tmp_path):
    good = "The court called it “This court finds plaintiff’s probability argument illogical for two reasons” (001, p. 10:16-17)."
    misquoted = "The court said “It is abundantly clear that plaintiff’s requested discovery is not likely at all”."
    wrong_pin = "“This court finds plaintiff’s probability argument illogical for two reasons” (001, p. 10:17-18)"
    short = "A “swarm” is two words at most “same swarm”, so it is not checked."
    _, problems = check.run(repo=_temp_repo(tmp_path, notebook_cells=[good, short]))
    assert problems == []
    _, problems = check.run(repo=_temp_repo(tmp_path / "b", notebook_cells=[good, misquoted, wrong_pin]))
    assert len(problems) == 2
    by_text = {p.text: p for p in problems}
    assert "not found verbatim in any seed" in by_text[
        "It is abundantly clear that plaintiff’s requested discovery is not likely at all"
    ].reason
    assert "should be 'p. 10:16-17'" in by_text[
        "This court finds plaintiff’s probability argument illogical for two reasons"
    ].reason
    assert all("00_tiny.ipynb cell" in p.where for p in problems)


def test_a_correct_span_with_a_citation_passes_in_prose():
    span = "This court finds plaintiff’s probability argument illogical for two reasons"
    pin = sources.pinpoint(sources.locate(span, "001"))
    assert pin == "p. 10:16-17"
    assert check.check_prose(f"“{span}” (001, {pin})", "test") == []
    assert check.check_prose(f'"{span}" (001, {pin})', "test") == []
    assert len(check.check_prose(f"“{span}” (002, {pin})", "test")) == 1


def test_a_citation_that_names_the_case_first_is_still_checked_at_its_pinpoint():
    span = "This court finds plaintiff’s probability argument illogical for two reasons"
    assert check.check_prose(f"“{span}” (*Hard Drive* (N.D. Cal. 2012), 001, p. 10:16-17)", "test") == []
    assert check.check_prose(f"“{span}” (*Hard Drive*, N.D. Cal. 2012, 001, p. 10:16-17)", "test") == []
    wrong_pin = check.check_prose(f"“{span}” (*Hard Drive* (N.D. Cal. 2012), 001, p. 10:17-18)", "test")
    assert len(wrong_pin) == 1 and "should be 'p. 10:16-17'" in wrong_pin[0].reason
    wrong_seed = check.check_prose(f"“{span}” (*Malibu Media* (N.D. Ill. 2013), 002, Discussion)", "test")
    assert len(wrong_seed) == 1 and "not found verbatim in seed 002" in wrong_seed[0].reason


# --- the margin line numbers of 001 ---------------------------------------------------


def test_001_margin_numbers_are_normalised_across_line_and_page_breaks():
    across_page = (
        "This subscriber may be the infringer who participated in the swarm, or he may just be the "
        "person who pays for internet access in a given household."
    )
    raw = sources.normalise(sources.raw_text("001"))
    assert "or he may just be" not in raw  # a margin number stands between the words in the raw text
    loc = sources.locate(across_page, "001")
    assert loc is not None and loc.first_line != loc.last_line
    assert sources.pinpoint(loc) == "pp. 4:28-5:1"
    across_line = "the court cannot conclude that plaintiff has made even a prima facie showing that the Doe defendants"
    assert "prima facie showing that the Doe 23 defendants" in raw
    assert sources.pinpoint(sources.locate(across_line, "001")) == "p. 7:22-23"
    q = Quote(id="case.test.page_break", seed="001", pinpoint="pp. 4:28-5:1", text=across_page, speaker="court")
    assert check.check_quote(q) is None


def test_a_citation_whose_pinpoint_has_brackets_is_checked_in_full():
    from course import check

    good = "“An audience of one, however, is insufficient.” (004, Discussion, Part II.A (specific jurisdiction))"
    assert check.check_prose(good, "x") == []
    wrong = "“An audience of one, however, is insufficient.” (004, Discussion, Part II.B (Rule 4(k)(2)))"
    problems = check.check_prose(wrong, "x")
    assert len(problems) == 1 and "should be" in problems[0].reason


def test_each_quote_is_stored_once():
    """One source of truth: the same words of the same seed live under one id only."""
    from collections import defaultdict

    from course.records import load_quotes
    from course.sources import normalise

    seen = defaultdict(list)
    for q in load_quotes().values():
        seen[(q.seed, normalise(q.text))].append(q.id)
    twice = [ids for ids in seen.values() if len(ids) > 1]
    assert not twice, f"quotes stored more than once: {twice}"


def test_the_motions_certificate_of_service_is_not_part_of_its_prayer():
    from course import sources

    loc = sources.locate("I hereby certify that on 04/19/2012, I served a copy", "000")
    assert sources.pinpoint(loc) == "Certificate of service"
    loc = sources.locate("respectfully requests that the Court GRANT this Motion", "000")
    assert sources.pinpoint(loc) == "Prayer for relief"


def test_a_footnote_belongs_to_the_section_of_its_mark():
    """002 prints footnote 5 after Part II begins, but its mark is in Part I's disposition: the pinpoint
    is Part I's (review finding 3-I)."""
    q = quote("case.ndill.doe_x_anonymity_not_reached")
    assert q.pinpoint == "Discussion, Part I (joinder), n.5"
    assert check.check_quote(q) is None
    assert check.check_quote(q.model_copy(update={"pinpoint": "Discussion, Part II (motion to quash), n.5"})) is not None


def test_001_a_word_hyphenated_across_a_line_break_is_joined():
    """001 p. 9:17-18 prints "peer-" / "18 to-peer": the quote says "peer-to-peer" (review finding 2-3),
    while a hyphen inside a line ("up- and download") is kept."""
    assert check.check_quote(quote("ndcal.joinder.same_network_insufficient")) is None
    assert "peer-to-peer network" in quote("ndcal.joinder.same_network_insufficient").text
    assert sources.locate("illegally up- and download copyrighted files", "001") is not None
