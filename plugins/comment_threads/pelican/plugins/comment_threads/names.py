"""Commenters' names: who may wear the Author badge, and how a name is kept from reordering the page.

Anyone can type a site author's name into a comment. Names are compared
after folding away what a reader cannot see: compatibility forms (`ſ` is
`s`, a non-breaking or ideographic space is a space), invisible format
characters (zero-width and bidi controls), case, and letters of other
scripts drawn like Latin ones. A name that folds to a site author's is
refused unless its file carries `Role: author`, the moderator's word that
the author wrote it; only then does the comment get the badge.
"""

import unicodedata

from markupsafe import Markup

# Letters of other scripts that are drawn like a Latin letter in common
# fonts, from Unicode's confusables data (confusables.txt), limited to the
# Cyrillic, Greek and Armenian letters that pass for ASCII ones.
CONFUSABLES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j",
    "к": "k", "ӏ": "l", "м": "m", "п": "n", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s",
    "т": "t", "ц": "u", "ѵ": "v", "ԝ": "w", "х": "x", "у": "y", "ʐ": "z",
    "А": "a", "В": "b", "С": "c", "Е": "e", "Н": "h", "І": "i", "Ј": "j", "К": "k",
    "М": "m", "О": "o", "Р": "p", "Ѕ": "s", "Т": "t", "Х": "x", "У": "y", "Ү": "y",
    # Greek
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h",
    "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y",
    "Χ": "x",
    # Armenian
    "օ": "o", "ս": "u", "ց": "g", "հ": "h", "ո": "n",
    # Latin letters that stand in for others
    "ı": "i", "ɑ": "a", "ɡ": "g", "ℓ": "l",
})
# Bidi controls: embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
AUTHOR_ROLE = "author"


def fold(name):
    """The name as a reader would see it, for comparing: no invisible or look-alike differences."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Mn", "Me", "Cc"))
    # NFKD splits accents off the letters, so é and e + combining acute compare equal.
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(CONFUSABLES).casefold().translate(CONFUSABLES)
    return " ".join(text.split())


def author_badge(name, role, author_names):
    """(badge, problem): whether a comment by `name` gets the Author badge, and what is wrong.

    `role` is the file's Role value (None or "author"); `problem` is a
    sentence without the file's name, or None.
    """
    folded = {fold(author): author for author in author_names}
    match = folded.get(fold(name))
    if role == AUTHOR_ROLE:
        if match is None:
            return False, (f"'Role: author' is given, but {name!r} is not one of the site's "
                           f"authors ({', '.join(author_names)}); correct the name or remove the Role line")
        return True, None
    if match is not None:
        how = "is" if name == match else "looks like"
        return False, (f"the name {name!r} {how} that of the site author {match!r}, but the file has no "
                       "'Role: author' line; add it if the author wrote this comment, otherwise "
                       "ask the commenter for another name (shown without the Author badge)")
    return False, None


def isolated_html(name):
    """The escaped name inside <bdi>, so a right-to-left name cannot reorder the text around it."""
    return Markup("<bdi>{}</bdi>").format(name)


def isolated_text(name):
    """The name between FSI and PDI, for plain text (feed titles and authors)."""
    return f"{FIRST_STRONG_ISOLATE}{name}{POP_DIRECTIONAL_ISOLATE}"
