"""Fixtures for the charts plugin's tests: a tiny data set, the real palette, tiny sites."""

import shutil
from pathlib import Path

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.palette import read_palette

# The repository: the folder holding pelicanconf.py (found by walking up, so
# that a copy of these tests staged for `make mutate` finds it too).
ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pelicanconf.py").is_file())
PALETTE = ROOT / "theme" / "static" / "css" / "palette.css"

SOURCES = """id,publisher,title,published,locator,notes
article,The Asylumist (Jason Dzubow),Mexican Asylum Seekers Need Not Apply,2013-11-13,"The Asylumist blog, 2013-11-13",Its own figures.
paper,U-T San Diego,Mexican asylum seekers,2014-03-12,http://example.org/utsd,Cites DOJ.
dhs,"U.S. Department of Homeland Security",Yearbook tables,2015-11-01,http://example.org/dhs,Counts individuals.
"""
OBSERVATIONS = """period,nationality,measure,value,source
FY2012,Mexico,court_granted,126,article
FY2012,Mexico,court_denied,1395,article
FY2012,Mexico,court_abandoned,138,article
FY2012,Mexico,court_received,9206,article
FY2012,Mexico,court_granted,126,paper
FY2012,Mexico,court_denied,1395,paper
FY2012,Mexico,dhs_affirmative_granted,337,article
FY2012,Mexico,dhs_affirmative_granted,301,dhs
FY2011,Mexico,dhs_affirmative_granted,173,dhs
FY2011,Honduras,dhs_affirmative_granted,40,dhs
FY2012,Honduras,dhs_affirmative_granted,138,dhs
FY2011,Mexico,dhs_defensive_granted,92,dhs
FY2012,Mexico,dhs_defensive_granted,113,dhs
FY2008,Mexico,court_grant_rate_pct,23,article
"""


def write_data(directory, observations=OBSERVATIONS, sources=SOURCES):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "observations.csv").write_text(observations, encoding="utf-8")
    (directory / "sources.csv").write_text(sources, encoding="utf-8")
    return directory


@pytest.fixture
def dataset(tmp_path):
    return load_dataset(write_data(tmp_path / "data"))


@pytest.fixture(scope="session")
def palette():
    return read_palette(PALETTE)


@pytest.fixture(scope="session")
def real_data_copy(tmp_path_factory):
    target = tmp_path_factory.mktemp("real") / "asylum-statistics"
    shutil.copytree(ROOT / "content" / "data" / "asylum-statistics", target)
    return target
