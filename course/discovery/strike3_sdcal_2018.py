"""S.D. Cal. 2018 (Strike 3), as D. Haw. (2020) describes it: particularity by IP address,
dates and times, the ISP and a geolocation trace to the forum city.

Strike 3 Holdings, LLC v. Doe, No. 18CV47-WQH (RBB), 2018 WL 1427002, at *4 (S.D. Cal. Mar. 22,
2018), as described in Bodyguard Productions, Inc. v. Doe (D. Haw. Jan. 23, 2020), Discussion,
Part I (seed 004). D. Haw. gives it as an example of what courts have accepted (quote
``dhaw.discovery.f1_strike3``): the plaintiff "provided information about infringing activity tied
to Doe Defendant's unique IP address, specific dates and times associated with the activity, the
name of the ISP for the user of the IP address; and [plaintiff] used geolocation technology to trace
the IP addresses to San Diego, California."

A DESCRIPTION, not a holding of the course's sources: every element and outcome is ``described``.
It says what sufficed there, never that less fails: the test gives ``factor_met`` when the showing
has all four things, and otherwise leaves the question open (``never=(factor_not_met,)``). The
trace there was to a city in the forum; a state-level trace is what D. Haw. describes Third World
Media accepting (``discovery.third_world_media_dhaw_2011``).

This is the course's one model of Strike 3 (the jurisdiction module's former copy pointed here).
"""
from __future__ import annotations

from ..registry import legal_test
from ..ruling import UNDECIDED, Outcome, Reason, Ruling
from .showing import GeolocationPrecision, ShowingFacts, at_least, described_ruling

TEST_ID = "discovery.strike3_sdcal_2018"
QUOTE = "dhaw.discovery.f1_strike3"


def strike3_source_facts() -> ShowingFacts:
    """Strike 3 as D. Haw. describes it: the Doe's unique IP address tied to the activity, specific
    dates and times, the ISP's name, and geolocation tracing the address to San Diego (the forum)."""
    return ShowingFacts(
        ip_address_tied_to_activity=True,
        dates_and_times_given=True,
        isp_named=True,
        geolocation_precision=GeolocationPrecision.city,
        geolocation_in_forum=True,
    )


def _element(id_: str, element: str, present: bool, have: str, lack: str, facts: tuple[str, ...]) -> Reason:
    return Reason(
        id=id_, element=element, met=True if present else None,
        explanation=(f"{have}, as in Strike 3." if present else
                     f"{lack}. Strike 3 had it; the description says what sufficed there, not that less fails. {UNDECIDED}"),
        facts=facts, quote_ids=(QUOTE,),
    )


def ip_address(f: ShowingFacts) -> Reason:
    return _element("sdcal.particularity.ip_address", "The activity tied to the Doe's own IP address",
                    f.ip_address_tied_to_activity, "The infringing activity is tied to the Doe's unique IP address",
                    "The activity is not tied to an IP address of the Doe's own", ("ip_address_tied_to_activity",))


def dates_and_times(f: ShowingFacts) -> Reason:
    return _element("sdcal.particularity.dates_and_times", "Specific dates and times of the activity",
                    f.dates_and_times_given, "Specific dates and times of the activity are given",
                    "No specific dates and times are given", ("dates_and_times_given",))


def isp(f: ShowingFacts) -> Reason:
    return _element("sdcal.particularity.isp", "The ISP for the user of the IP address",
                    f.isp_named, "The ISP for the user of the IP address is named", "The ISP is not named",
                    ("isp_named",))


def geolocation_to_forum(f: ShowingFacts) -> Reason:
    in_city = f.geolocation_in_forum and at_least(f.geolocation_precision, GeolocationPrecision.city)
    facts = ("geolocation_precision", "geolocation_in_forum")
    if in_city:
        return Reason(id="sdcal.particularity.geolocation", element="Geolocation traces the IP address to the forum",
                      met=True, facts=facts, quote_ids=(QUOTE, "dhaw.discovery.f1_geolocation_rationale"),
                      explanation=("Geolocation traces the IP address to a place in the forum, as Strike 3 traced it to "
                                   "San Diego; D. Haw. notes that the point of the trace is the court's jurisdiction."))
    if f.geolocation_in_forum and at_least(f.geolocation_precision, GeolocationPrecision.region_or_state):
        lack = ("Geolocation places the IP address in the forum state but not in a city. Strike 3's trace was to a "
                "city; a state-level link is what D. Haw. describes Third World Media accepting "
                "(discovery.third_world_media_dhaw_2011)")
    elif f.geolocation_in_forum:
        lack = ("Geolocation is said to place the IP address in the forum, but no more finely than the country, "
                "which cannot show a place in the forum")
    else:
        lack = "Geolocation does not trace the IP address to the forum"
    return Reason(id="sdcal.particularity.geolocation", element="Geolocation traces the IP address to the forum",
                  met=None, facts=facts, quote_ids=(QUOTE, "dhaw.discovery.f1_geolocation_rationale"),
                  explanation=f"{lack}. The description says what sufficed there, not that less fails. {UNDECIDED}")


@legal_test(
    id=TEST_ID,
    case="strike_3_holdings_sdcal_2018",
    pinpoint="at *4",
    issue="early_discovery",
    title="Particularity as D. Haw. describes Strike 3 (S.D. Cal. 2018): IP address, dates and times, ISP, geolocation",
    facts=ShowingFacts,
    source_facts=strike3_source_facts,
    described_in="bodyguard_dhaw_2020",
    described_at="Discussion, Part I",
    never=(Outcome.factor_not_met,),
)
def strike3_particularity(f: ShowingFacts) -> Ruling:
    """A Doe was identified with sufficient particularity where the plaintiff tied the activity to
    the Doe's unique IP address, gave dates and times and the ISP, and geolocated the address to the
    forum city (Strike 3, S.D. Cal. 2018, as D. Haw. 2020 describes it, Discussion, Part I). What
    sufficed, never what fails."""
    return described_ruling(TEST_ID, "Strike 3", "an IP address tied to the activity, dates and times, the ISP and "
                            "a geolocation trace to the forum", [ip_address(f), dates_and_times(f), isp(f),
                                                                geolocation_to_forum(f)])
