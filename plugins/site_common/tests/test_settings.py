"""The shared settings loop: defaults filled in, a bad value named and replaced."""

from pelican.plugins.site_common.settings import apply_defaults

DEFAULTS = {"X_SIZE": 3, "X_NAME": "a"}
CHECKS = {"X_SIZE": (lambda v: isinstance(v, int) and v > 0, "a number above 0"),
          "X_NAME": (lambda v: isinstance(v, str), "a name")}


def test_missing_settings_get_defaults_and_good_ones_stay():
    settings = {"X_NAME": "b", "OTHER": 1}
    assert apply_defaults(settings, DEFAULTS, CHECKS) == []
    assert settings == {"X_SIZE": 3, "X_NAME": "b", "OTHER": 1}


def test_a_bad_value_is_one_sentence_and_falls_back_to_the_default():
    settings = {"X_SIZE": -1}
    assert apply_defaults(settings, DEFAULTS, CHECKS) == [
        "Setting X_SIZE is -1; it should be a number above 0 (using 3 instead)."]
    assert settings["X_SIZE"] == 3
