"""Turns the strict build's stop into one sentence instead of a traceback.

With `--fatal warnings`, Pelican raises at the first warning and then logs
the exception with its traceback. For an author the traceback is noise: the
warning just above already names the file and the fix.
"""

import logging

STRICT_STOP = "Warning or error encountered"
MESSAGE = (
    "Build stopped at the problem reported above: fix it and build again "
    "(`make html STRICT=0` builds anyway, for drafts)."
)


class StrictStopFilter(logging.Filter):
    """Replaces the traceback of the strict build's stop with MESSAGE."""

    def filter(self, record):
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, RuntimeError) and str(exc) == STRICT_STOP:
            record.msg, record.args, record.exc_info = MESSAGE, (), None
        return True


def install(logger_name="pelican"):
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, StrictStopFilter) for f in logger.filters):
        logger.addFilter(StrictStopFilter())
