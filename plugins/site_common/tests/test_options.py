"""The settings schema: every kind of option, its default, the sentence for a wrong value, unknown keys."""

import pytest

from pelican.plugins.site_common.options import (
    URL,
    Choice,
    ExistingPath,
    Integer,
    Invalid,
    Mapping,
    Option,
    Optional,
    Schema,
    Strings,
    Text,
)


@pytest.mark.parametrize("option, good, bad", [
    (Option(1), [None, "x", 3], []),
    (Choice("a", choices=("a", "b")), ["a", "b"], ["c", None, ("a",)]),
    (Integer(1, low=1, high=3), [1, 3], [0, 4, True, "2", 2.0]),
    (Integer(0), [0, 10**9], [-1]),
    (Text("x"), ["x", " y "], ["", "   ", 5, None]),
    (Text("{slug}", containing="{slug}"), ["feeds/{slug}.xml"], ["feeds/x.xml"]),
    (Strings(()), [[], ["a"], ("a", "b")], ["a", [1], None]),
    (Mapping({}), [{}, {"a": "b"}], [[("a", "b")], {1: "b"}, None]),
    (URL(None), ["http://x.test", "https://x.test/c"], ["ftp://x.test", "https:///c", "x.test", 8080, None]),
    (Optional(None, option=Integer(None, low=1)), [None, 1], [0, "1"]),
])
def test_each_kind_of_option_takes_what_it_should_and_refuses_the_rest(option, good, bad):
    for value in good:
        option.check(value, {})
    for value in bad:
        with pytest.raises(Invalid):
            option.check(value, {})


def test_lists_are_kept_as_tuples_and_mappings_as_copies():
    assert Strings(()).check(["a", "b"], {}) == ("a", "b")
    given = {"a": "b"}
    kept = Mapping({}).check(given, {})
    assert kept == given and kept is not given


def test_what_each_option_expects_is_said_in_words():
    assert Option(1).expected == "a value"
    assert Choice("a", choices=("a", "b")).expected == "one of 'a', 'b'"
    assert URL(None).expected == "an http(s) URL"
    assert Optional(None, option=Choice("a", choices=("a",))).expected == "one of 'a', or None"


def test_an_existing_path_is_found_relative_to_its_setting(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x", encoding="utf-8")
    settings = {"PATH": str(tmp_path)}
    assert ExistingPath(None, relative_to="PATH").check("data/a.csv", settings) == tmp_path / "data" / "a.csv"
    assert ExistingPath(None, relative_to="PATH", kind="dir").check("data", settings) == tmp_path / "data"
    assert ExistingPath(None).check(str(tmp_path / "data" / "a.csv"), {}) == tmp_path / "data" / "a.csv"
    with pytest.raises(Invalid, match=r"data does not exist$"):
        ExistingPath(None, relative_to="PATH", kind="file").check("data", settings)
    with pytest.raises(Invalid, match=r"a\.csv does not exist$"):
        ExistingPath(None, relative_to="PATH", kind="dir").check("data/a.csv", settings)
    for value in ("", None, 5):
        with pytest.raises(Invalid):
            ExistingPath(None, relative_to="PATH").check(value, settings)


def example_schema():
    # Built in each test, not at import, so that what building one does is tested too.
    return Schema("ExampleConfig", "EX_", {
        "EX_ORDER": Choice("new", choices=("new", "old")),
        "EX_DEPTH": Integer(4, low=0, high=12, expected="a whole number from 0 to 12"),
        "EX_FILE": Optional(None, option=ExistingPath(None, relative_to="PATH")),
        "SITENAME": Text("A site"),
    }, renamed={"EX_SORT": "EX_ORDER"}, elsewhere=lambda: {"EX_SERVICE_PORT"})


def test_a_config_holds_each_value_under_its_short_name_and_is_frozen():
    config, problems = example_schema().load({"EX_ORDER": "old", "SITENAME": "The Grant Rate", "EX_SERVICE_PORT": 1})
    assert problems == []
    assert (config.order, config.depth, config.file, config.sitename) == ("old", 4, None, "The Grant Rate")
    assert type(config).__name__ == "ExampleConfig"
    with pytest.raises(AttributeError):
        config.order = "new"


def test_a_wrong_value_is_one_sentence_and_the_default_is_used(tmp_path):
    config, problems = example_schema().load({"PATH": str(tmp_path), "EX_DEPTH": 13, "EX_FILE": "missing.csv"})
    assert (config.depth, config.file) == (4, None)
    assert [(p.key, p.message, p.suggestion) for p in problems] == [
        ("EX_DEPTH", "setting EX_DEPTH is 13", "expected a whole number from 0 to 12 (the build uses the default, 4)"),
        ("EX_FILE", f"setting EX_FILE is 'missing.csv' ({tmp_path / 'missing.csv'} does not exist)",
         "expected a value, or None (the build uses the default, None)"),
    ]


def test_a_default_is_checked_like_a_value_so_the_config_holds_what_the_plugin_uses(tmp_path):
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    schema = Schema("C", "EX_", {"EX_FILE": ExistingPath("a.csv", relative_to="PATH"),
                                 "EX_LIST": Strings(["a"])})
    config, problems = schema.load({"PATH": str(tmp_path), "EX_FILE": 5})
    assert config.file == tmp_path / "a.csv" and config.list == ("a",)
    config, _ = schema.load({"PATH": str(tmp_path / "nowhere"), "EX_FILE": 5})
    assert config.file == "a.csv"  # the default as written, when even it cannot be used
    assert [p.key for p in problems] == ["EX_FILE"]


def test_unknown_and_renamed_keys_under_the_prefix_are_named_with_what_to_write():
    _, problems = example_schema().load({"EX_ORDR": "new", "EX_SORT": "new", "EX_ZZZZZZZZ": 1, "OTHER_X": 1,
                               "EX_SERVICE_PORT": 2})
    assert [(p.key, p.message, p.suggestion) for p in problems] == [
        ("EX_ORDR", "unknown setting EX_ORDR", "did you mean EX_ORDER?"),
        ("EX_SORT", "setting EX_SORT has been renamed EX_ORDER", "rename it to EX_ORDER"),
        ("EX_ZZZZZZZZ", "unknown setting EX_ZZZZZZZZ", "EX_* settings are: EX_DEPTH, EX_FILE, EX_ORDER, SITENAME"),
    ]


def test_the_settings_table_lists_each_key_its_default_and_what_it_expects():
    assert example_schema().table() == [
        ("EX_ORDER", "new", "one of 'new', 'old'"),
        ("EX_DEPTH", 4, "a whole number from 0 to 12"),
        ("EX_FILE", None, "a value, or None"),
        ("SITENAME", "A site", "a value"),
    ]


def test_a_schema_without_renamed_or_elsewhere_keys_reports_every_unknown_key():
    schema = Schema("C", "EX_", {"EX_A": Option(1)})
    assert [p.key for p in schema.load({"EX_B": 1})[1]] == ["EX_B"]


def test_a_path_without_its_base_setting_is_taken_from_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert ExistingPath(None, relative_to="PATH").check("data/a.csv", {}).as_posix() == "data/a.csv"
    assert ExistingPath(None).check("data/a.csv", {"": "elsewhere"}).as_posix() == "data/a.csv"
    with pytest.raises(Invalid):
        ExistingPath(None, relative_to="PATH", kind="dir").check("", {"PATH": str(tmp_path)})
