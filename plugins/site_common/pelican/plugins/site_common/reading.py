"""Any failure while reading an author's or a commenter's file, as one sentence naming the file.

Files from authors and strangers can hold anything; whatever goes wrong
while one is read (bad encoding, a parser's recursion limit, a number too
long to convert) must reach the author as a sentence naming the file, never
as a traceback, and must leave the rest of the build going.
"""

import errno

# Failures whose cause the reader can fix, worded for them.
KNOWN_CAUSES = {
    UnicodeDecodeError: ("it is not UTF-8 text", "save it as UTF-8"),
    RecursionError: ("it is nested too deeply to read", "flatten the nesting"),
    MemoryError: ("it is too large to read", "shorten it"),
}
OS_CAUSES = {
    errno.ELOOP: ("it is a symbolic link", "put the file itself there"),
    errno.EACCES: ("it cannot be opened (permission denied)", "make it readable"),
}


def failure(error):
    """(message, suggestion) for an exception raised while reading a file: `not read, because <cause>`."""
    for kind, (cause, fix) in KNOWN_CAUSES.items():
        if isinstance(error, kind):
            return f"not read, because {cause}", fix
    if isinstance(error, OSError) and error.errno in OS_CAUSES:
        cause, fix = OS_CAUSES[error.errno]
        return f"not read, because {cause}", fix
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    return f"not read, because reading it failed ({type(error).__name__}: {detail})", "fix or remove the file"

