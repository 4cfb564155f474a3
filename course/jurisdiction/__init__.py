"""Personal jurisdiction over the Doe defendants, as N.D. Cal. (2012) and D. Haw. (2020) decided it.

One module per opinion-test, each readable top to bottom with its sources beside it:

``geolocation_residence_ndcal_2012``  Hard Drive (N.D. Cal. 2012), pp. 6:15-7:23: geolocation the plaintiff
                                      admits cannot predict the state makes no prima facie showing of
                                      residence (it says what fails, never what suffices).
``minimum_contacts_ndcal_2012``       Hard Drive, pp. 7:5-8:5: a bare assertion of transfers, or one piece
                                      per Doe, is not minimum contacts.
``calder_dhaw_2020``                  Bodyguard (D. Haw. 2020), Part II.A: one forum user is not express
                                      aiming; the rest of the Calder test was never reached.
``rule_4k2_dhaw_2020``                Bodyguard, Part II.B: conclusory U.S. allegations and U.S. providers
                                      do not show aiming at the United States; the rest never reached.

S.D. Cal.'s Strike 3 particularity decision, as D. Haw. describes it, is modelled once, in
``course.discovery`` (``discovery.strike3_sdcal_2018``).
"""
from ..ruling import UNDECIDED  # noqa: F401
from .calder_dhaw_2020 import (  # noqa: F401
    DEFAULT_SUBSTANTIAL_AUDIENCE_USERS,
    CalderFacts,
    SiteInteractivity,
    calder_express_aiming_dhaw_2020,
    calder_source_facts,
)
from .geolocation_residence_ndcal_2012 import (  # noqa: F401
    PRECISION_RANK,
    GeolocationPrecision,
    GeolocationResidenceFacts,
    geolocation_residence_ndcal_2012,
    geolocation_residence_source_facts,
    places_in_a_state,
)
from .minimum_contacts_ndcal_2012 import (  # noqa: F401
    PIECES_DECIDED,
    MinimumContactsFacts,
    minimum_contacts_ndcal_2012,
    minimum_contacts_source_facts,
)
from .rule_4k2_dhaw_2020 import (  # noqa: F401
    GOES_DOWNLOADS,
    US_ALLEGATION_RANK,
    Rule4k2Facts,
    UsAudienceAllegations,
    rule_4k2_dhaw_2020,
    rule_4k2_source_facts,
)
