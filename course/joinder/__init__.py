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
from ._old import *  # noqa: F401,F403  TRANSITIONAL
from ._old import _num, _hours, _hours_text  # noqa: F401
