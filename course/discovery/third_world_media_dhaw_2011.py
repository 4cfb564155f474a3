"""D. Haw. 2011 (Third World Media), as D. Haw. (2020) describes it: particularity by IP
addresses with their hit dates, linked to IP addresses in the forum state.

Third World Media, LLC v. Hawaii Members of Swarm, No. CV 11-00536 DAE-RLP, 2011 WL 13136257, at
*2 (D. Haw. Oct. 6, 2011), as described in Bodyguard Productions, Inc. v. Doe (D. Haw. Jan. 23,
2020), Discussion, Part I (seed 004; quote ``dhaw.discovery.f1_third_world_media``): the plaintiff
provided "a list of the IP addresses associated with each of the Doe defendants, along with the 'hit
date' that each IP address subscriber allegedly infringed", and "[t]he Doe defendants have been
linked to IP addresses in the State of Hawaii."

A DESCRIPTION: every element and outcome is ``described``. It says what sufficed, never that less
fails (``never=(factor_not_met,)``). The description does not mention the ISP, so this test does
not turn on it. The link was to the forum STATE; a finer trace includes that.
"""
from __future__ import annotations

from ..registry import legal_test
from ..ruling import UNDECIDED, Outcome, Reason, Ruling
from .showing import GeolocationPrecision, ShowingFacts, at_least, described_ruling

TEST_ID = "discovery.third_world_media_dhaw_2011"
QUOTE = "dhaw.discovery.f1_third_world_media"


def third_world_media_source_facts() -> ShowingFacts:
    """Third World Media as D. Haw. describes it: each Doe's IP address with its hit date, linked to
    Hawaii (the forum state). The description does not mention an ISP (taken as not shown)."""
    return ShowingFacts(
        ip_address_tied_to_activity=True,
        dates_and_times_given=True,
        isp_named=False,
        geolocation_precision=GeolocationPrecision.region_or_state,
        geolocation_in_forum=True,
    )


def ip_addresses(f: ShowingFacts) -> Reason:
    ok = f.ip_address_tied_to_activity
    return Reason(id="twm.particularity.ip_addresses", element="A list of the IP addresses associated with each Doe",
                  met=True if ok else None, facts=("ip_address_tied_to_activity",), quote_ids=(QUOTE,),
                  explanation=("Each Doe's IP address is given, as in Third World Media." if ok else
                               "No IP address for each Doe. Third World Media had one; the description says what "
                               f"sufficed there, not that less fails. {UNDECIDED}"))


def hit_dates(f: ShowingFacts) -> Reason:
    ok = f.dates_and_times_given
    return Reason(id="twm.particularity.hit_dates", element="The hit date of each IP address's alleged infringement",
                  met=True if ok else None, facts=("dates_and_times_given",), quote_ids=(QUOTE,),
                  explanation=("The date of each Doe's alleged infringement is given, as in Third World Media." if ok else
                               "No hit dates. Third World Media had them; the description says what sufficed there, "
                               f"not that less fails. {UNDECIDED}"))


def linked_to_forum_state(f: ShowingFacts) -> Reason:
    ok = f.geolocation_in_forum and at_least(f.geolocation_precision, GeolocationPrecision.region_or_state)
    return Reason(id="twm.particularity.forum_state", element="The Does linked to IP addresses in the forum state",
                  met=True if ok else None, facts=("geolocation_precision", "geolocation_in_forum"),
                  quote_ids=(QUOTE, "dhaw.discovery.f1_geolocation_rationale"),
                  explanation=("The IP addresses are linked to the forum state, as Third World Media's were to Hawaii."
                               if ok else
                               "The IP addresses are not linked to the forum state (or only to the country). Third "
                               "World Media's were; the description says what sufficed there, not that less fails. "
                               + UNDECIDED))


@legal_test(
    id=TEST_ID,
    case="third_world_media_dhaw_2011",
    pinpoint="at *2",
    issue="early_discovery",
    title="Particularity as D. Haw. (2020) describes Third World Media (D. Haw. 2011): IP addresses, hit dates, forum state",
    facts=ShowingFacts,
    source_facts=third_world_media_source_facts,
    described_in="bodyguard_dhaw_2020",
    described_at="Discussion, Part I",
    never=(Outcome.factor_not_met,),
)
def third_world_media_particularity(f: ShowingFacts) -> Ruling:
    """Does were identified with sufficient particularity where each Doe's IP address was listed with
    its hit date and the addresses were linked to the forum state (Third World Media, D. Haw. 2011,
    as D. Haw. 2020 describes it, Discussion, Part I). What sufficed, never what fails."""
    return described_ruling(TEST_ID, "Third World Media", "each Doe's IP address with its hit date, linked to the "
                            "forum state", [ip_addresses(f), hit_dates(f), linked_to_forum_state(f)])
