import logging

from pelican.plugins.blog_core import failures


def record_with(exc):
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001 - building a record as Pelican does
        return logging.LogRecord("pelican", logging.CRITICAL, __file__, 1, "%s: %s",
                                 (type(caught).__name__, caught),
                                 (type(caught), caught, caught.__traceback__))


def test_strict_stop_loses_its_traceback():
    record = record_with(RuntimeError(failures.STRICT_STOP))
    assert failures.StrictStopFilter().filter(record)
    assert record.exc_info is None
    assert record.getMessage() == failures.MESSAGE


def test_other_errors_keep_their_traceback():
    record = record_with(ValueError("something else"))
    failures.StrictStopFilter().filter(record)
    assert record.exc_info is not None
    assert record.getMessage() == "ValueError: something else"


def test_install_is_idempotent():
    failures.install("blog_core.test")
    failures.install("blog_core.test")
    filters = logging.getLogger("blog_core.test").filters
    assert sum(isinstance(f, failures.StrictStopFilter) for f in filters) == 1


def test_a_record_without_an_exception_passes_unchanged():
    record = logging.LogRecord("pelican", logging.WARNING, __file__, 1, "%s: %s", ("a.md", "bad"), None)
    assert failures.StrictStopFilter().filter(record)
    assert record.getMessage() == "a.md: bad"


def test_only_the_strict_stop_itself_loses_its_traceback():
    other_runtime = record_with(RuntimeError("generator failed"))
    failures.StrictStopFilter().filter(other_runtime)
    assert other_runtime.exc_info is not None
    same_words = record_with(ValueError(failures.STRICT_STOP))
    failures.StrictStopFilter().filter(same_words)
    assert same_words.exc_info is not None


def test_install_filters_pelicans_own_logger():
    logger = logging.getLogger("pelican")
    before = list(logger.filters)
    try:
        failures.install()
        [added] = [f for f in logger.filters if f not in before]
        assert isinstance(added, failures.StrictStopFilter)
    finally:
        logger.filters[:] = before
