"""The showing a plaintiff makes to identify a Doe by IP address: the facts of the two decisions
D. Haw. (2020) describes finding Does identified with sufficient particularity (Strike 3, S.D. Cal.
2018; Third World Media, D. Haw. 2011). One fact set for both, so a student can put the same
showing to each description."""
from __future__ import annotations

from pydantic import Field

from ..jurisdiction import GeolocationPrecision
from ..ruling import UNDECIDED, Facts, Outcome, Reason, Ruling, combine

__all__ = ["GeolocationPrecision", "ShowingFacts", "at_least", "described_ruling"]

_RANK = {p: i for i, p in enumerate(GeolocationPrecision)}


def at_least(p: GeolocationPrecision, floor: GeolocationPrecision) -> bool:
    """Whether ``p`` places an IP address at least as finely as ``floor``."""
    return _RANK[GeolocationPrecision(p)] >= _RANK[floor]


class ShowingFacts(Facts):
    """What the plaintiff offers to identify each Doe: the IP address tied to the activity, the
    dates and times, the ISP, and where geolocation places the address."""

    ip_address_tied_to_activity: bool = Field(
        description="the infringing activity is tied to each Doe's own (unique) IP address")
    dates_and_times_given: bool = Field(
        description="the specific dates and times of each Doe's activity (the 'hit date') are given")
    isp_named: bool = Field(description="the ISP for the user of each IP address is named")
    geolocation_precision: GeolocationPrecision = Field(
        description="the finest level at which geolocation places each IP address")
    geolocation_in_forum: bool = Field(
        description="geolocation traces each IP address to a place in the forum")


def described_ruling(test_id: str, case_name: str, showing: str, reasons: list[Reason]) -> Ruling:
    """A described decision's ruling: ``factor_met`` when the showing has everything the described
    case had, otherwise open (a description of what sufficed never says what fails)."""
    outcome = combine(reasons, fails=Outcome.factor_not_met, passes=Outcome.factor_met)
    if outcome == Outcome.factor_met:
        summary = (f"As D. Haw. describes it, {case_name} found the Does identified with sufficient particularity on "
                   f"this showing: {showing}.")
    else:
        lacking = "; ".join(r.element[0].lower() + r.element[1:] for r in reasons if r.met is not True)
        summary = (f"As D. Haw. describes it, {case_name} had {showing}; this showing lacks: {lacking}. The description "
                   f"says what sufficed, not what falls short. {UNDECIDED}")
    return Ruling(
        test_id=test_id,
        question="Are the Does identified with sufficient particularity to show real persons who can be sued in this court?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )
