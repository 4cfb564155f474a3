"""Early discovery to identify BitTorrent Does (Fed. R. Civ. P. 26(d)), and letters rogatory.

One module per opinion, each readable top to bottom with its sources beside it:

``gillespie_ndcal_2012``        Hard Drive (N.D. Cal. 2012), Part III.A: is the discovery "very likely"
                                to reveal the Does? A bar: it can deny, never grant.
``semitool_ndcal_2012``         Hard Drive, Part III.B: good cause under Rule 26(d)(1), four factors
                                (cited to Patrick Collins, D. Ariz. 2012), weighed; never a grant.
``dhaw_2020``                   Bodyguard (D. Haw. 2020): factor 1, particularity (a bar), and the
                                letters-rogatory ruling (discretionary; can affirm a denial, never grant).
``strike3_sdcal_2018``          Strike 3 (S.D. Cal. 2018), as D. Haw. describes it.
``third_world_media_dhaw_2011`` Third World Media (D. Haw. 2011), as D. Haw. describes it.
``showing``                     the facts of an IP-address showing, shared by the two described tests.

Personal jurisdiction and joinder are decided in their own modules; the tests here take their
conclusions as facts (``personal_jurisdiction_shown``, ``joinder_proper``).
"""
from .gillespie_ndcal_2012 import (  # noqa: F401
    NDCAL_STEPS_BEFORE_NAMING,
    GillespieFacts,
    SubscriberStatus,
    ndcal_very_likely,
    gillespie_source_facts,
)
from .semitool_ndcal_2012 import (  # noqa: F401
    NonresidentContacts,
    SemitoolFacts,
    ndcal_good_cause,
    semitool_source_facts,
)
from .dhaw_2020 import (  # noqa: F401
    IdentificationEvidence,
    LettersRogatoryFacts,
    ParticularityFacts,
    ReviewStandard,
    dhaw_2020_letters_rogatory,
    dhaw_2020_particularity,
    letters_rogatory_source_facts,
    particularity_facts,
    particularity_from_rows,
    particularity_source_facts,
)
from .showing import GeolocationPrecision, ShowingFacts  # noqa: F401
from .strike3_sdcal_2018 import strike3_particularity, strike3_source_facts  # noqa: F401
from .third_world_media_dhaw_2011 import third_world_media_particularity, third_world_media_source_facts  # noqa: F401
