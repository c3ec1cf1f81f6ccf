"""The fuzzing tier's budget: small in `make test`, larger in `make fuzz` (FUZZ_SCALE)."""

import os

from hypothesis import HealthCheck, settings

# `make fuzz` sets FUZZ_SCALE to run each property this many times longer.
SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))


def budget(examples):
    """Hypothesis settings for `examples` cases (times FUZZ_SCALE), without time limits.

    Time limits would make a slow shared machine fail a property that
    holds; the number of cases bounds the run instead.
    """
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture],
        derandomize=SCALE == 1,
    )
