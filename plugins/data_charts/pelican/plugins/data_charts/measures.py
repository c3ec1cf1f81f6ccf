"""What each measure in the data set counts, in which unit, and how computed ones are derived.

The table mirrors the data set's README. Units decide what may share a chart:
EOIR counts cases, DHS counts individuals, and the two are never added or
compared as one.
"""

from dataclasses import dataclass

CASES = "cases"
INDIVIDUALS = "individuals"
PERCENT = "percent"


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    unit: str
    # For a computed measure: the numerator and the measures summed in the
    # denominator, all taken from one source for one period and nationality.
    numerator: str | None = None
    denominator: tuple[str, ...] = ()

    @property
    def computed(self):
        return self.numerator is not None


def _published(unit, labels):
    return {name: Measure(name, label, unit) for name, label in labels.items()}


MEASURES = {
    **_published(
        CASES,
        {
            "court_received": "Applications received (court)",
            "court_received_affirmative": "Affirmative applications received (court)",
            "court_received_defensive": "Defensive applications received (court)",
            "court_granted": "Granted",
            "court_denied": "Denied",
            "court_abandoned": "Abandoned",
            "court_withdrawn": "Withdrawn",
            "court_other": "Other completions",
            "court_completed": "Completed (court)",
            "court_decided": "Decided on the merits (court)",
            "court_granted_affirmative": "Granted, affirmative (court)",
            "court_denied_affirmative": "Denied, affirmative (court)",
            "court_granted_defensive": "Granted, defensive (court)",
            "court_denied_defensive": "Denied, defensive (court)",
            "trac_court_decisions": "Court decisions (TRAC count)",
        },
    ),
    **_published(
        INDIVIDUALS,
        {
            "dhs_affirmative_granted": "Granted affirmatively (asylum office)",
            "dhs_defensive_granted": "Granted defensively (immigration judge)",
            "dhs_total_granted": "Granted, affirmative and defensive",
            "trac_court_granted_individuals": "Individuals granted (TRAC count)",
        },
    ),
    **_published(
        PERCENT,
        {
            "court_grant_rate_pct": "Grant rate, as published (court)",
            "court_grant_rate_affirmative_pct": "Affirmative grant rate, as published (court)",
            "court_grant_rate_defensive_pct": "Defensive grant rate, as published (court)",
            "trac_court_denial_rate_pct": "Denial rate (TRAC)",
            "reported_granted_pct_of_received": "Grants as a share of applications received (as reported)",
            "reported_grant_pct_unspecified": "Grant percentage, denominator not given (as reported)",
        },
    ),
    # EOIR's published definition: abandoned, withdrawn and other completions
    # are not in the denominator.
    "court_grant_rate": Measure(
        "court_grant_rate",
        "Grant rate (court)",
        PERCENT,
        numerator="court_granted",
        denominator=("court_granted", "court_denied"),
    ),
    "court_grant_rate_affirmative": Measure(
        "court_grant_rate_affirmative",
        "Affirmative grant rate (court)",
        PERCENT,
        numerator="court_granted_affirmative",
        denominator=("court_granted_affirmative", "court_denied_affirmative"),
    ),
    "court_grant_rate_defensive": Measure(
        "court_grant_rate_defensive",
        "Defensive grant rate (court)",
        PERCENT,
        numerator="court_granted_defensive",
        denominator=("court_granted_defensive", "court_denied_defensive"),
    ),
}

PUBLISHED = {name for name, measure in MEASURES.items() if not measure.computed}

