"""Fuzzing chart blocks and data rows: every input is a chart or one ChartError, never anything else."""

import string

from hypothesis import given
from hypothesis import strategies as st

from pelican.plugins.data_charts.dataset import load_dataset, parse_observation
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.spec import KNOWN_KEYS, parse_spec
from tests.fuzzing import budget

from .conftest import OBSERVATIONS, SOURCES, write_data

YAML_BITS = st.sampled_from([
    "&a", "*a", "!!binary aGk=", "!!python/object:os.system", "[", "]", "{", "}", ":", "- ", "? ",
    "'", '"', "|", ">", "#", "\n", "\n  ", "yes", "null", "~", "1e999", "9" * 50, "<<: *a", "$a_b_c$",
    "\t", "\ufeff", "\x00", "%YAML 1.1\n", "---\n", "...\n", ", ",
])
VALUES = st.one_of(st.text(string.printable, max_size=20), YAML_BITS,
                   st.lists(YAML_BITS, max_size=6).map("".join))
BLOCKS = st.lists(st.tuples(st.sampled_from(KNOWN_KEYS + ("nonsense",)), VALUES), max_size=10).map(
    lambda pairs: "\n".join(f"{key}: {value}" for key, value in pairs))


@budget(300)
@given(st.one_of(BLOCKS, st.text(max_size=300)))
def test_a_chart_block_is_a_spec_or_one_chart_error(text):
    try:
        parse_spec(text)
    except ChartError as error:
        assert str(error) and "\n" not in str(error).strip()


ROW_VALUES = st.one_of(st.text(max_size=30), st.sampled_from(
    ["FY2012", "FY2009-FY2013", "Mexico", "court_granted", "court_grant_rate_pct", "article",
     "9" * 5000, "1e999", "NaN", "-1", "12.5", "", " ", "\ufeff", "100.0000001"]))


@budget(300)
@given(st.lists(ROW_VALUES, min_size=5, max_size=5))
def test_a_data_row_is_an_observation_or_one_chart_error(row):
    try:
        parse_observation(row, {"article": object()})
    except ChartError as error:
        assert str(error)


@budget(40)
@given(st.binary(max_size=300), st.sampled_from(["observations.csv", "sources.csv"]))
def test_a_data_file_of_any_bytes_loads_or_is_one_chart_error(tmp_path_factory, data, name):
    directory = write_data(tmp_path_factory.mktemp("data"), OBSERVATIONS, SOURCES)
    with open(directory / name, "ab") as handle:
        handle.write(data)
    try:
        load_dataset(directory)
    except ChartError as error:
        assert str(error)
