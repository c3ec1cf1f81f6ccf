"""Golden drawings: a few fixed charts and the site card, whose every rendering is committed.

A drawing is what a reader sees, and a constant that moves a label, a colour
that goes missing or a frame line that is dropped changes its bytes; the
rendering tests check sizes, colours and text, and these files catch the rest.
The charts cover each chart type, a legend, gaps, slanted labels, gridlines in
place of crowded values, and every-other period on a phone; colours come from
a fixed palette here, so a change to the theme's palette.css does not touch them.

After a deliberate change to the drawing, rewrite the files and look at them
before committing (`make golden` runs this too):

    cd plugins/data_charts && ../../.venv/bin/python -m tests.golden_drawings
"""

import sys
import tempfile
from pathlib import Path

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.draw import DrawJob, SiteCardJob, render, render_site_card
from pelican.plugins.data_charts.layout import layout
from pelican.plugins.data_charts.palette import parse_palette
from pelican.plugins.data_charts.selection import select, select_showing_gaps
from pelican.plugins.data_charts.spec import parse_spec

from .conftest import write_data

GOLDEN = Path(__file__).with_name("golden")

PALETTE = parse_palette("""
:root { --chart-fg: #202020; --chart-bg: #fafaf5; --chart-grid: #d0d0c8;
  --chart-1: #1f5f8b; --chart-2: #c1531b; --chart-3: #3b7d3a; --chart-4: #8e3b8c;
  --chart-5: #8a6d1f; --chart-6: #4d5561; --chart-font: "Fira Sans", sans-serif; }
@media (prefers-color-scheme: dark) { :root { --chart-fg: #ecebe7; --chart-bg: #17181a;
  --chart-grid: #3c3f44; --chart-1: #6cb2e0; --chart-2: #f08a52; --chart-3: #7fc47d;
  --chart-4: #d28ad0; --chart-5: #e0c060; --chart-6: #a9b1bd; } }
""")

SOURCES = """id,publisher,title,published,locator,notes
asylumist,The Asylumist (Jason Dzubow),Mexican Asylum Seekers Need Not Apply,2013-11-13,"The Asylumist blog, 2013-11-13",Its own figures.
dhs,"U.S. Department of Homeland Security, Yearbook of Immigration Statistics",Individuals granted asylum by country of nationality,2015-11-01,http://example.org/dhs,Counts individuals.
"""
# Figures as the sources print them (the Asylumist's FY2012 court counts; DHS
# grants to individuals, affirmative and defensive, FY2005-FY2014).
AFFIRMATIVE = {"Mexico": (85, 84, 103, 176, 190, 132, 173, 301, 203, 467),
               "Honduras": (16, 26, 19, 22, 38, 51, 59, 138, 105, 89)}
DEFENSIVE = {"Mexico": (34, 49, 49, 73, 65, 38, 92, 113, 155, 124),
             "Honduras": (67, 65, 86, 73, 47, 56, 58, 77, 92, 151)}
OBSERVATIONS = "period,nationality,measure,value,source\n" + "".join(
    [f"FY2012,Mexico,{measure},{value},asylumist\n"
     for measure, value in (("court_granted", 126), ("court_denied", 1395), ("court_abandoned", 138))]
    + [f"FY{2005 + index},{nationality},{measure},{value},dhs\n"
       for measure, table in (("dhs_affirmative_granted", AFFIRMATIVE), ("dhs_defensive_granted", DEFENSIVE))
       for nationality, values in table.items() for index, value in enumerate(values)
       # Honduras' defensive grants of FY2013 are left out: a gap to draw.
       if not (nationality, index, measure) == ("Honduras", 8, "dhs_defensive_granted")]
)

CHARTS = {
    "bar": ("""type: bar
title: Outcomes of Mexican asylum cases in immigration court, FY2012
measures: [court_granted, court_denied, court_abandoned]
nationality: Mexico
period: FY2012
caption: Few cases are decided in the applicant's favour.""", "asylumist"),
    "grouped-gaps": ("""type: grouped-bar
title: Individuals granted asylum defensively
measure: dhs_defensive_granted
nationalities: [Mexico, Honduras]
periods: FY2012..FY2014
missing: show""", "dhs"),
    "stacked": ("""type: stacked-bar
title: Mexicans granted asylum, affirmatively and defensively
measures: [dhs_affirmative_granted, dhs_defensive_granted]
nationality: Mexico
periods: FY2010..FY2014
x: period""", "dhs"),
    "line": ("""type: line
title: Individuals granted asylum by DHS and the courts, FY2005-FY2014
measures: [dhs_affirmative_granted, dhs_defensive_granted]
nationalities: [Mexico, Honduras]
periods: FY2005..FY2014
labels: {Honduras: Honduran nationals}
missing: show""", "dhs"),
    "crowded": ("""type: grouped-bar
title: Grants to individuals, affirmative and defensive, every year
measures: [dhs_affirmative_granted, dhs_defensive_granted]
nationality: Mexico
periods: FY2005..FY2014
x: period""", "dhs"),
}
SITE_CARD = SiteCardJob("The Grant Rate", "What the numbers say about asylum in the United States, and where they come from",
                        "https://grant-rate.example/", PALETTE)


def jobs(directory):
    """{name: DrawJob} of the golden charts, from a data set written into `directory`."""
    dataset = load_dataset(write_data(Path(directory), OBSERVATIONS, SOURCES))
    made = {}
    for name, (text, source) in CHARTS.items():
        spec = parse_spec(f"{text}\nsource: {source}")
        points, gaps = select_showing_gaps(spec, dataset) if spec.shows_gaps else (select(spec, dataset), [])
        publisher = dataset.sources[source]
        made[name] = DrawJob(layout(spec, points, dataset.sources, gaps), PALETTE, (6.4, 4.0),
                             subtitle=spec.caption,
                             source_line=f"Source: {publisher.publisher}, {publisher.title}, {publisher.published}.",
                             short_source=f"Source: {publisher.publisher.split(',')[0]}, {publisher.published[:4]}.")
    return made


def drawings(directory):
    """{file name: bytes} of every golden file."""
    files = {f"{name}{suffix}": data for name, job in jobs(directory).items() for suffix, data in render(job).items()}
    files["site-card.png"] = render_site_card(SITE_CARD)
    return files


def regenerate():
    with tempfile.TemporaryDirectory() as temporary:
        files = drawings(temporary)
    GOLDEN.mkdir(exist_ok=True)
    for stale in GOLDEN.iterdir():
        if stale.name not in files:
            stale.unlink()
    for name, data in files.items():
        (GOLDEN / name).write_bytes(data)
    print(f"rewrote {len(files)} files in {GOLDEN}; look at them and read `git diff --stat` before committing")


if __name__ == "__main__":
    sys.exit(regenerate())
