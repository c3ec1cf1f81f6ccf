"""Seeded, made-up prose for the benchmark's posts and comments.

Sentences are built from templates and word lists written for this purpose;
the same random generator always yields the same text, so a benchmark site
is reproducible from its seed.
"""

import functools

NATIONALITIES = (
    "Mexico", "Honduras", "Guatemala", "El Salvador", "China", "India", "Nepal",
    "Ethiopia", "Eritrea", "Haiti", "Venezuela", "Cameroon", "Russia", "Egypt",
)
PLACES = (
    "San Diego", "Houston", "Newark", "Chicago", "Atlanta", "Arlington",
    "Los Angeles", "Miami", "El Paso", "Seattle", "Omaha", "Baltimore",
)
ACTORS = (
    "the immigration judge", "the asylum officer", "the government attorney",
    "the Board of Immigration Appeals", "the court of appeals", "my client",
    "the interpreter", "the respondent", "the supervisory officer",
)
THINGS = (
    "the credibility finding", "the one-year deadline", "the nexus requirement",
    "the particular social group", "the corroborating evidence", "the country report",
    "the declaration", "the medical evaluation", "the referral notice",
    "the master calendar hearing", "the merits hearing", "the backlog",
)
VERBS = (
    "turns on", "depends on", "rarely survives", "was decided by", "hinges on",
    "is undermined by", "gets buried under", "is clarified by", "shifts with",
)
ADJECTIVES = (
    "narrow", "slow", "uneven", "predictable", "surprising", "stubborn",
    "familiar", "arbitrary", "careful", "rushed", "thin", "persuasive",
)

SENTENCES = (
    "In {year}, {actor} in {place} saw {count} cases like this one.",
    "The grant rate for applicants from {nat} was {pct} percent that year.",
    "{Actor} {verb} {thing}, and everyone in the room knew it.",
    "That result is {adj}, but it is not an unusual one.",
    "Look at {thing} first; most denials start there.",
    "A case from {nat} that reaches {place} {verb} {thing} more often than not.",
    "Between {year} and {year2}, the numbers moved by about {pct} points.",
    "Nobody reading the decision could call {thing} {adj}.",
    "We filed {count} pages of evidence, and {actor} read perhaps a tenth of them.",
    "The statistics are {adj}; the people behind them are not.",
    "{Actor} asked why the application came late, and the answer mattered.",
    "Courts in {place} decided {count} asylum cases in fiscal year {year}.",
    "It is worth asking whether {thing} should carry that much weight.",
    "The published figure counts cases, not people, and that difference matters.",
    "If {actor} had looked at {thing}, the outcome might have been different.",
    "Applicants from {nat} waited {months} months on average for a hearing.",
    "The rule itself is {adj}; its application is the problem.",
    "Read the footnote: {thing} is defined there, and nowhere else.",
    "A hearing in {place} can be {adj} and last less than an hour.",
    "Every year the report changes its tables a little, so compare with care.",
)

COMMENT_SENTENCES = (
    "Thank you for writing this up.",
    "My cousin's case in {place} went the same way.",
    "Do you have the figure for {nat} in {year}?",
    "I think you are too hard on {actor}.",
    "This matches what I saw as an interpreter in {place}.",
    "The part about {thing} is exactly right.",
    "Could you explain how {thing} is counted?",
    "Our time at the asylum office was {adj}.",
    "The numbers for {nat} surprised me.",
    "I disagree: {thing} is not the whole story.",
    "Our hearing took {months} months to schedule.",
    "Is there a newer report than the one from {year}?",
)

HEADINGS = (
    "What the numbers say", "Why {nat} is different", "Where it gets {adj}",
    "A closer look at {thing}", "What changed in {year}", "Reading the tables",
    "The hearing in {place}", "What to take from this",
)

TITLE_PATTERNS = (
    "Why {nat} cases fare the way they do in {place}",
    "Grant rates in fiscal year {year}: {adj} again",
    "What {thing} means for applicants from {nat}",
    "Notes from a merits hearing in {place}",
    "The arithmetic of {thing}",
    "{Nat}, {year}: reading the yearbook",
)


@functools.lru_cache(maxsize=8)
def _allowed(low, high, avoid):
    return tuple(n for n in range(low, high + 1) if n not in avoid)


def fill(random, template, avoid=None):
    """Fill a template's slots with seeded choices.

    `avoid` maps a kind of number ("count", "pct") to the values it must not
    take: the build reports a typed number that equals a value of the data
    set as a figure typed by hand, and these numbers are made up.
    """
    avoid = avoid or {}

    def number(kind, low, high):
        return random.choice(_allowed(low, high, avoid.get(kind, frozenset())))

    year = random.randint(2004, 2019)
    actor = random.choice(ACTORS)
    values = {
        "year": year,
        "year2": year + random.randint(1, 5),
        "count": f"{number('count', 12, 9800):,}",
        "pct": number("pct", 2, 78),
        "months": random.randint(3, 52),  # "14 months" is a length of time, which no figure is
        "nat": random.choice(NATIONALITIES),
        "place": random.choice(PLACES),
        "actor": actor,
        "thing": random.choice(THINGS),
        "verb": random.choice(VERBS),
        "adj": random.choice(ADJECTIVES),
    }
    values["Actor"] = actor[0].upper() + actor[1:]
    values["Nat"] = values["nat"]
    return template.format(**values)


def sentence(random, avoid=None):
    return fill(random, random.choice(SENTENCES), avoid)


def paragraph(random, low=3, high=7, avoid=None):
    return " ".join(sentence(random, avoid) for _ in range(random.randint(low, high)))


def comment_text(random):
    return " ".join(fill(random, random.choice(COMMENT_SENTENCES))
                    for _ in range(random.randint(1, 4)))


def heading(random):
    return fill(random, random.choice(HEADINGS))


def title(random):
    return fill(random, random.choice(TITLE_PATTERNS))


def word_count(text):
    return len(text.split())
