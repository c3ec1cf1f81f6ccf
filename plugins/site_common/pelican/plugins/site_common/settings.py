"""A plugin's prefixed settings: defaults filled in and every value checked, by one loop for all plugins."""


def apply_defaults(settings, defaults, checks):
    """Fill in missing settings from `defaults` and check each; return one sentence per bad value.

    `checks` maps each key to (is_valid, what a right value is). A bad value
    is replaced by its default, so that a relaxed build still runs; the
    strict build stops on the returned sentences.
    """
    problems = []
    for key, default in defaults.items():
        value = settings.setdefault(key, default)
        is_valid, expected = checks[key]
        if not is_valid(value):
            problems.append(
                f"Setting {key} is {value!r}; it should be {expected} (using {default!r} instead)."
            )
            settings[key] = default
    return problems
