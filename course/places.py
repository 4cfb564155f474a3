"""Place names as ISO 3166 codes, so that 'Illinois', 'IL' and 'US-IL' are one place.

An exhibit may write a country as ``US``, ``USA`` or ``United States`` and a state as
``Illinois``, ``IL`` or ``US-IL``. Compared as text, those differ, and an in-forum estimate
moves silently. Here every spelling becomes its code: a country its ISO 3166-1 alpha-2 code
(``US``), a region its ISO 3166-2 code (``US-IL``), looked up in pycountry's copy of the ISO
tables. A name that is not found stays as the text given, and :func:`country_code` /
:func:`region_code` say so by returning None, so the caller can warn.

A region is looked up within its country: ``IL`` is Illinois in the United States, not a
subdivision of any other country. pycountry's English short names are official ones
(``Russian Federation``, ``United Kingdom``, ``Türkiye``); :data:`COUNTRY_ALIASES` adds the
few everyday English names an exhibit is likely to use instead.
"""
from __future__ import annotations

import functools
import unicodedata

#: Everyday English names that ISO's tables do not list, with their ISO 3166-1 alpha-2 code.
COUNTRY_ALIASES = {
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "russia": "RU",
    "turkey": "TR",
    "south korea": "KR",
    "north korea": "KP",
}


def _key(text: str) -> str:
    """Compare names without regard to case, accents, full stops or runs of spaces."""
    text = unicodedata.normalize("NFKD", text.strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace(".", "").split())


@functools.lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code for a country's name or code (alpha-2, alpha-3, numeric,
    short, official or common name), or None if pycountry does not know it."""
    if name is None or not str(name).strip():
        return None
    import pycountry

    text = str(name).strip()
    alias = COUNTRY_ALIASES.get(_key(text))
    if alias:
        return alias
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    wanted = _key(text)
    for c in pycountry.countries:
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and _key(value) == wanted:
                return c.alpha_2
    return None


@functools.lru_cache(maxsize=None)
def _regions_of(country: str) -> dict[str, str]:
    """Every spelling of every ISO 3166-2 subdivision of ``country``, keyed for lookup."""
    import pycountry

    out: dict[str, str] = {}
    for s in pycountry.subdivisions.get(country_code=country) or ():
        out[_key(s.code)] = s.code
        out[_key(s.code.split("-", 1)[1])] = s.code
        out.setdefault(_key(s.name), s.code)
    return out


@functools.lru_cache(maxsize=4096)
def region_code(name: str | None, country: str | None) -> str | None:
    """The ISO 3166-2 code (``US-IL``) for a region's name or code within ``country`` (a
    name or code; see :func:`country_code`), or None if either is not known."""
    if name is None or not str(name).strip():
        return None
    cc = country_code(country)
    if cc is None:
        return None
    return _regions_of(cc).get(_key(str(name)))


def country_key(name: str | None) -> str | None:
    """What to compare a country by: its code if known, else its name, case-folded."""
    if name is None or not str(name).strip():
        return None
    return country_code(name) or _key(str(name))


def region_key(name: str | None, country: str | None) -> str | None:
    """What to compare a region by: its ISO 3166-2 code if known, else its name, case-folded."""
    if name is None or not str(name).strip():
        return None
    return region_code(name, country) or _key(str(name))


def country_name(code: str) -> str:
    """The ISO short name of a country code ('US' -> 'United States'); the code if unknown."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return c.name if c else code


def region_name(code: str) -> str:
    """The ISO name of a subdivision code ('US-IL' -> 'Illinois'); the code if unknown."""
    import pycountry

    s = pycountry.subdivisions.get(code=code)
    return s.name if s else code
