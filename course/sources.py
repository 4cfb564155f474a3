"""The five source documents and the verbatim check that keeps every quote honest.

The seeds live in ``../shared/seeds/`` beside the repository (or wherever
``COURSE_SEEDS`` points). Each seed is plain text with typographic quirks
(see ``INDEX.md``): seed 001 carries the margin line numbers of pleading paper,
000 uses HTML tags, 002 and 003 use markdown emphasis and backslash escapes.
:func:`normalise` removes those quirks so that a quote can be compared with the
text a reader sees; :func:`locate` finds a quote and :func:`pinpoint` says where
it stands (page and line, paragraph, or section, as the seed allows).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .paths import project_root

REPO_ROOT = project_root() or Path(__file__).resolve().parent.parent

#: Short names for the seed files, in course order.
SEEDS: dict[str, str] = {
    "000": "000_15bb52b549c05be1.txt",
    "001": "001_30b71a764dba9d09.txt",
    "002": "002_842deff7686631bc.txt",
    "003": "003_57b24aa486f7eeaf.txt",
    "004": "004_83b389434f3f904a.txt",
}


class SeedsMissing(RuntimeError):
    """The seed folder could not be found."""


def seeds_dir() -> Path:
    """Where the seeds are: ``$COURSE_SEEDS`` or ``../shared/seeds`` beside the repo (the checkout,
    or the current folder when the course is installed and run from a copy of the repository)."""
    env = os.environ.get("COURSE_SEEDS")
    candidates = [Path(env)] if env else []
    candidates += [REPO_ROOT.parent / "shared" / "seeds", REPO_ROOT / "shared" / "seeds"]
    for c in candidates:
        if (c / SEEDS["000"]).is_file():
            return c
    raise SeedsMissing(
        "The source documents were not found. Put the shared folder beside the repository "
        "(../shared/seeds) or set COURSE_SEEDS to the folder that holds "
        + ", ".join(SEEDS.values())
    )


def seed_key(name: str) -> str:
    """Accept '001', '001_30b71a764dba9d09.txt' or '001_30b71a764dba9d09' and return '001'."""
    key = name.strip()[:3]
    if key not in SEEDS or not SEEDS[key].startswith(name.strip().removesuffix(".txt")[:3]):
        raise KeyError(f"unknown seed {name!r}; expected one of {', '.join(SEEDS)}")
    return key


@functools.lru_cache(maxsize=None)
def raw_text(key: str) -> str:
    return (seeds_dir() / SEEDS[seed_key(key)]).read_text(encoding="utf-8")


# --- normalisation -----------------------------------------------------------------

_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})
_FOOTNOTE_MARKS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")


def _strip_markup(text: str) -> str:
    text = re.sub(r"</?(?:b|i|u|em|strong|sup|sub)>", "", text)
    text = text.replace("\\", "")  # markdown escapes: \$ \* \[
    text = text.replace("*", "")  # markdown emphasis; the seeds use no literal asterisks
    text = _FOOTNOTE_MARKS.sub("", text)
    return text


def _strip_margin_numbers(text: str) -> str:
    """Drop pleading-paper margin numbers (1-28) that start a line or stand alone."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^\s*(\d{1,2})(?:\s+|$)", line)
        if m and 1 <= int(m.group(1)) <= 28:
            line = line[m.end():]
        out.append(line)
    return "\n".join(out)


def normalise(text: str, *, margin_numbers: bool = False) -> str:
    """Text as a reader compares it: markup, escapes, margin numbers and spacing removed,
    typographic quotes folded to plain ones, hyphenation kept."""
    text = _strip_markup(text)
    if margin_numbers:
        text = _strip_margin_numbers(text)
    text = text.translate(_QUOTE_FOLD)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class _Index:
    """A seed's normalised text, and for each of its characters the raw line it came from."""

    text: str
    line_of: tuple[int, ...]


@functools.lru_cache(maxsize=None)
def _index(key: str) -> _Index:
    raw = raw_text(key)
    strip_margins = key == "001"
    chars: list[str] = []
    lines: list[int] = []
    for lineno, line in enumerate(raw.splitlines()):
        if strip_margins:
            m = re.match(r"^\s*(\d{1,2})(?:\s+|$)", line)
            if m and 1 <= int(m.group(1)) <= 28:
                line = line[m.end():]
        line = _strip_markup(line).translate(_QUOTE_FOLD)
        if strip_margins and len(chars) >= 2 and chars[-1] == " " and chars[-2] == "-" and len(chars) >= 3 \
                and chars[-3].isalpha():
            # pleading paper breaks a hyphenated word across lines ("peer-" / "18 to-peer"): join it
            chars.pop()
            lines.pop()
            line = line.lstrip()
        for ch in line + " ":
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            lines.append(lineno)
    return _Index("".join(chars), tuple(lines))


def normalised_seed(key: str) -> str:
    return _index(seed_key(key)).text


ELLIPSIS = re.compile(r"\s*(?:\[\.\.\.\]|\[…\]|…|\. \. \.)\s*")


def quote_segments(quote: str) -> list[str]:
    """A quote may omit words with '[...]'; each part must appear, in order."""
    return [s for s in (normalise(p) for p in ELLIPSIS.split(quote)) if s]


@dataclass(frozen=True)
class Location:
    seed: str
    start: int  # offset in the normalised text
    end: int
    first_line: int  # raw line numbers (0-based) in the seed file
    last_line: int


def locate(quote: str, seed: str) -> Location | None:
    """Where ``quote`` stands in ``seed`` (after normalisation), or None if it does not."""
    key = seed_key(seed)
    idx = _index(key)
    segments = quote_segments(quote)
    if not segments:
        return None
    pos = 0
    start = None
    for seg in segments:
        found = idx.text.find(seg, pos)
        if found < 0:
            return None
        if start is None:
            start = found
        pos = found + len(seg)
    assert start is not None
    return Location(key, start, pos, idx.line_of[start], idx.line_of[max(pos - 1, start)])


def find_in_any_seed(quote: str) -> Location | None:
    for key in SEEDS:
        loc = locate(quote, key)
        if loc:
            return loc
    return None


# --- pinpoints -----------------------------------------------------------------------
# Each seed allows a different kind of pinpoint. Seed 001 keeps the pleading page's line
# numbers, so a quote is cited by page and line ("p. 7:17-22"). Seed 000 numbers its
# paragraphs ("¶ 23"). Seeds 002, 003 and 004 carry no page numbers in this text, so a
# quote is cited by the part of the opinion it stands in ("Discussion, Part I").


def _page_and_line_001(raw_line: int) -> tuple[int, int | None]:
    lines = raw_text("001").splitlines()
    page = 1
    previous = 0
    seen_body = False
    for i in range(raw_line + 1):
        m = re.match(r"^\s*(\d{1,2})(?:\s+|$)", lines[i])
        num = int(m.group(1)) if m and 1 <= int(m.group(1)) <= 28 else None
        if num is not None:
            rest = lines[i][m.end():].strip() if m else ""
            if num == 1 and previous and (rest or seen_body):
                page += 1
            if rest:
                seen_body = True
            previous = num
    m = re.match(r"^\s*(\d{1,2})\s+\S", lines[raw_line])
    line_no = int(m.group(1)) if m and 1 <= int(m.group(1)) <= 28 else None
    return page, line_no


_SECTION_HEADINGS: dict[str, list[tuple[str, str]]] = {
    # (regex matched against a stripped raw line, label)
    "002": [
        (r"^MEMORANDUM OPINION AND ORDER$", "Introduction"),
        (r"^Background$", "Background"),
        (r"^I\. The John Doe Defendants' Motions To Sever", "Discussion, Part I (joinder)"),
        (r"^II\. John Doe 29's Motion To Quash", "Discussion, Part II (motion to quash)"),
        (r"^III\. John Doe 29's Motion To Proceed Anonymously", "Discussion, Part III (anonymity)"),
        (r"^Conclusion$", "Conclusion"),
    ],
    "003": [
        (r"^\*\*ORDER DENYING MOTION FOR DEFAULT JUDGMENT\*\*$", "Introduction"),
        (r"^#+ \*\*BACKGROUND\*\*$", "Background"),
        (r"^#+ \*\*DISCUSSION\*\*$", "Discussion"),
        (r"^#+ CONCLUSION$", "Conclusion"),
    ],
    "004": [
        (r"^ORDER AFFIRMING MAGISTRATE JUDGE'S ORDER", "Introduction"),
        (r"^BACKGROUND$", "Background"),
        (r"^STANDARD$", "Standard of review"),
        (r"^DISCUSSION$", "Discussion"),
        (r"^I\. Plaintiff Fails to Identify Doe Defendants", "Discussion, Part I (particularity)"),
        (r"^II\. Plaintiff Fails to Establish Personal Jurisdiction", "Discussion, Part II (personal jurisdiction)"),
        (r"^A\. Specific Jurisdiction$", "Discussion, Part II.A (specific jurisdiction)"),
        (r"^B\. Federal Long-Arm Statute$", "Discussion, Part II.B (Rule 4(k)(2))"),
        (r"^III\. Likelihood of Identification$", "Discussion, Part III (likelihood of identification)"),
        (r"^CONCLUSION$", "Conclusion"),
    ],
}


_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_TO_SUPERSCRIPT = str.maketrans("1234567890", "¹²³⁴⁵⁶⁷⁸⁹⁰")


_FOOTNOTE = re.compile(r"^\s*(?:<sup>(\d+)</sup>|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s")


def _heading_at(key: str, lines: list[str], raw_line: int) -> str:
    label = "Caption"
    for line in lines[: raw_line + 1]:
        s = line.strip()
        for pattern, name in _SECTION_HEADINGS[key]:
            if re.match(pattern, s):
                label = name
    return label


def _section(key: str, raw_line: int) -> str:
    lines = raw_text(key).splitlines()
    # a footnote is one paragraph (one line) that opens with its number; it belongs to the section of the
    # body line that carries its mark, which may stand before a later heading the footnote is printed after
    m = _FOOTNOTE.match(lines[raw_line])
    if not m:
        return _heading_at(key, lines, raw_line)
    number = m.group(1) or m.group(2).translate(_SUPERSCRIPT)
    marks = (f"<sup>{number}</sup>", number.translate(_TO_SUPERSCRIPT))
    anchor = raw_line
    for i in range(raw_line - 1, -1, -1):
        if not _FOOTNOTE.match(lines[i]) and any(re.search(re.escape(k) + r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹\d])", lines[i]) for k in marks):
            anchor = i
            break
    return f"{_heading_at(key, lines, anchor)}, n.{number}"


def _paragraph_000(raw_line: int) -> str:
    label = "Introductory paragraph"
    for line in raw_text("000").splitlines()[: raw_line + 1]:
        s = line.strip()
        m = re.match(r"^(\d{1,2})\. \S", s)
        if m:
            label = f"¶ {m.group(1)}"
        elif s.startswith("<sup>1</sup>"):
            label = "n.1"
        elif s.startswith("**WHEREFORE**"):
            label = "Prayer for relief"
        elif s.startswith("CERTIFICATE OF SERVICE"):
            label = "Certificate of service"
        elif s.startswith("CERTIFICATE OF COMPLIANCE"):
            label = "Certificate of compliance"
    return label


def pinpoint(loc: Location) -> str:
    """The canonical pinpoint for a located quote."""
    if loc.seed == "001":
        p1, l1 = _page_and_line_001(loc.first_line)
        p2, l2 = _page_and_line_001(loc.last_line)
        if l1 is None or l2 is None:
            return f"p. {p1}" if p1 == p2 else f"pp. {p1}-{p2}"
        if p1 == p2:
            return f"p. {p1}:{l1}" if l1 == l2 else f"p. {p1}:{l1}-{l2}"
        return f"pp. {p1}:{l1}-{p2}:{l2}"
    if loc.seed == "000":
        a, b = _paragraph_000(loc.first_line), _paragraph_000(loc.last_line)
        return a if a == b else f"{a} to {b}"
    a, b = _section(loc.seed, loc.first_line), _section(loc.seed, loc.last_line)
    return a if a == b else f"{a} to {b}"
