"""Joinder of BitTorrent Does (Fed. R. Civ. P. 20) and discretionary severance (Rule 21).

One module per opinion, each readable top to bottom with its sources beside it:

``ndcal_2012``            Hard Drive (N.D. Cal. 2012): the same swarm is not enough; no Doe-to-Doe
                          transfers, and the probability argument fails for Does hours apart.
``ndill_2013``            Malibu Media (N.D. Ill. 2013): a bar, no joinder without the same swarm at
                          roughly the same time.
``voltage_2013``          Voltage Pictures (S.D. Ga. 2013), as N.D. Ill. describes it.
``call_of_the_wild_2011`` Call of the Wild (D.D.C. 2011), as N.D. Cal. describes it.
``rule21_ndill_2013``     Malibu Media, No. 12 cv 6675 (N.D. Ill. 2013): severance for fairness and
                          manageability with 47 Does left.
"""
from .call_of_the_wild_2011 import (  # noqa: F401
    CaseStage,
    PermissiveJoinderFacts,
    call_of_the_wild_permissive,
    cotw_source_facts,
)
from .ndcal_2012 import (  # noqa: F401
    NDCAL_HOURS_APART,
    AppearanceTiming,
    SwarmConcertFacts,
    ndcal_concerted_activity,
    ndcal_source_facts,
    ndcal_timing,
)
from .ndill_2013 import (  # noqa: F401
    DEFAULT_SESSION_HOURS,
    DOE_29_OBSERVED,
    DOE_38_OBSERVED,
    NDILL_DECIDED_GAP_HOURS,
    SameTimeJoinderFacts,
    SwarmLink,
    hours_between,
    ndill_joinable_window_hours,
    ndill_same_swarm_same_time,
    ndill_source_facts,
)
from .rule21_ndill_2013 import (  # noqa: F401
    CP_PRODUCTIONS_FEE_PER_CASE_USD,
    NDILL_MANAGEABILITY_DOES,
    DiscretionarySeveranceFacts,
    filing_fees_saved,
    rule21_discretion,
    rule21_source_facts,
)
from .voltage_2013 import TwoPartJoinderFacts, voltage_source_facts, voltage_two_part  # noqa: F401

JOINDER_TESTS = (
    "joinder.ndcal_2012",
    "joinder.ndill_2013",
    "joinder.voltage_two_part",
    "joinder.call_of_the_wild_permissive",
    "joinder.rule21_discretion",
)
