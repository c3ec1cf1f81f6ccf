"""The HTML and CSV a reader gets: the chart's <figure>, its alt text and table, inline figures, source notes.

Pure functions of plain values. A chart's files are linked beside the post's
page (relative addresses, marked data-beside-page), so the page shows them
wherever the site is served or opened from; feed_html makes them absolute for
feed readers, and a summary's figures link to the post's address.
"""

import csv
import io
import re
from html import escape
from urllib.parse import urljoin

from . import strings
from .chart_types import CHART_TYPES
from .formatting import format_number, plain_number
from .layout import short_source_label
from .measures import MEASURES, PERCENT

MAX_LISTED_VALUES = 20  # beyond this, alt text summarises each series instead of listing it
URL = re.compile(r"https?://\S+")
SOURCES_NOTE_ID = "data-sources"
# Below this width the page shows the narrow drawing: the wide one's 9 pt
# value labels would show under 11 CSS px in a column under about 560 px.
# Both SVGs are for screens; paper gets the light PNG with its title and source
# drawn in (an SVG shown as an image keeps the screen's colour scheme in print).
NARROW_MEDIA = "screen and (max-width: 37.5rem)"
WIDE_MEDIA = "screen"
PICTURE = re.compile(r'<picture class="chart-picture">.*?(<img [^>]*>)\s*</picture>', re.DOTALL)
SVG_DOWNLOAD = re.compile(r', <a class="chart-download chart-svg" [^>]*>.*?</a>')
# What the page links beside itself: a chart's image and downloads, a figure's source note.
CHART_FILE_LINK = re.compile(
    r'(<(?:img class="chart-image"|a class="(?:chart-download[^"]*|datum)")[^>]*?\s(?:src|href)=")([^":/?][^"]*)(")')
DETAILS = re.compile(r'<details class="chart-data">\s*<summary>(.*?)</summary>(.*?)</details>', re.DOTALL)


def figure_html(chart):
    """The <figure> for a chart: title, caption and gaps; the picture; source line, downloads, table."""
    table, spec = chart.table, chart.spec
    caption = f'\n    <p class="chart-caption">{escape(spec.caption)}</p>' if spec.caption else ""
    if table.gaps:
        caption += f'\n    <p class="chart-gaps">{escape(table.gap_note)}</p>'
    narrow, wide, png = chart.sizes["narrow"], chart.sizes["page"], chart.sizes["png"]
    return f"""<figure class="chart chart-{table.type}" id="{chart.name}">
  <figcaption>
    <p class="chart-title">{escape(spec.title)}</p>{caption}
  </figcaption>
  <picture class="chart-picture">
    <source data-beside-page media="{NARROW_MEDIA}" srcset="{escape(chart.url('-narrow.svg'))}" type="image/svg+xml" width="{narrow[0]}" height="{narrow[1]}">
    <source data-beside-page media="{WIDE_MEDIA}" srcset="{escape(chart.url('.svg'))}" type="image/svg+xml" width="{wide[0]}" height="{wide[1]}">
    <img class="chart-image" data-beside-page src="{escape(chart.url('.png'))}" alt="{escape(alt_text(table))}" width="{png[0]}" height="{png[1]}" loading="lazy" decoding="async">
  </picture>
  <p class="chart-source">{source_line(chart.sources)} <span class="chart-downloads">{strings.DOWNLOAD} <a class="chart-download" data-beside-page href="{escape(chart.url('.csv'))}" download>{strings.DOWNLOAD_CSV}</a>, <a class="chart-download chart-svg" data-beside-page href="{escape(chart.url('-full.svg'))}" download>{strings.DOWNLOAD_SVG}</a></span></p>
  <details class="chart-data">
    <summary>{strings.FIGURES_IN_CHART}</summary>
    {data_table_html(table)}
  </details>
</figure>"""


def feed_html(html, link):
    """A post's HTML as feed readers and mail get it: each chart a plain PNG, each table open.

    Many feed readers and every mail client show no SVG, and an SVG that
    follows the system's colour scheme can put light text on a light pane;
    the PNG is drawn light on an opaque background, with its title and source.
    A feed entry is read away from its page, so the chart's files, which the
    page links beside itself, are linked from the post's address `link`.
    """
    html = PICTURE.sub(lambda m: m.group(1).replace(' loading="lazy"', ""), html)
    html = SVG_DOWNLOAD.sub("", html)
    html = CHART_FILE_LINK.sub(lambda m: f"{m.group(1)}{urljoin(link, m.group(2))}{m.group(3)}", html)
    html = html.replace(" data-beside-page", "")
    return DETAILS.sub(r'<div class="chart-data"><p><strong>\1</strong></p>\2</div>', html)


def alt_text(table):
    """What the chart shows, in words and numbers: every value, or each series' span if there are many."""
    unit = f" ({table.unit})"
    count = sum(v is not None for s in table.series for v in s.values)
    parts = []
    for series in table.series:
        pairs = [(c, v) for c, v in zip(table.categories, series.values, strict=True) if v is not None]
        name = f"{series.label}: " if len(table.series) > 1 else ""
        if count <= MAX_LISTED_VALUES:
            listed = ", ".join(f"{c} {format_number(v, table.unit)}" for c, v in pairs)
        else:
            high = max(pairs, key=lambda pair: pair[1])
            listed = (
                f"from {format_number(pairs[0][1], table.unit)} in {pairs[0][0]} "
                f"to {format_number(pairs[-1][1], table.unit)} in {pairs[-1][0]}, "
                f"highest {format_number(high[1], table.unit)} in {high[0]}"
            )
        parts.append(name + listed)
    gaps = f" {table.gap_note}" if table.gaps else ""
    return f"{CHART_TYPES[table.type].spoken}: {table.title}. " + "; ".join(parts) + unit + "." + gaps


def data_table_html(table):
    """The chart's numbers as a table; its wrapper scrolls on narrow screens and takes keyboard focus."""
    single = len(table.series) == 1
    heads = [table.unit.capitalize()] if single else [s.label for s in table.series]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    body = "".join(
        f'<tr><th scope="row">{escape(category)}</th>'
        + "".join(f"<td>{_cell(s.values[row], table.unit)}</td>" for s in table.series)
        + "</tr>"
        for row, category in enumerate(table.categories)
    )
    label = escape(strings.TABLE_LABEL.format(title=table.title))
    return (
        f'<div class="chart-table" role="region" aria-label="{label}" tabindex="0">'
        f'<table><thead><tr><th scope="col">{escape(table.x.capitalize())}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _cell(value, unit):
    return "no data" if value is None else format_number(value, unit)


def source_line(sources):
    label = strings.SOURCE_ONE if len(sources) == 1 else strings.SOURCE_MANY
    return f"{label}: " + "; ".join(citation(source) for source in sources) + "."


def source_text(sources, short=False):
    """The source line as plain text, for pictures seen away from the page; `short`: publisher and year."""
    label = "Source" if len(sources) == 1 else "Sources"
    cited = [short_source_label(s) if short else f"{s.publisher}, {s.title}, {s.published}" for s in sources]
    return f"{label}: " + "; ".join(cited) + "."


def citation(source):
    """Publisher, title (linked where the source has an address), date."""
    title = f"<cite>{escape(source.title)}</cite>"
    link = URL.search(source.locator)
    if link:
        title = f'<a href="{escape(link.group(0))}">{title}</a>'
    return f"{escape(source.publisher)}, {title}, {escape(source.published)}"


def figure_ref_html(point, text_href, sources, linked=True):
    """An inline figure: the number, linked to its source note, with how it was obtained in its title.

    Inside the text of another link (`linked=False`) it cannot be a link itself:
    links do not nest, and a browser would cut the outer one in two.
    """
    unit = MEASURES[point.measure].unit
    source = sources[point.source]
    title = strings.FIGURE_TOOLTIP.format(description=describe(point), publisher=source.publisher,
                                           title=source.title, published=source.published)
    number = format_number(point.value, unit)
    if not linked:
        return f'<span class="datum" title="{escape(title)}">{number}</span>'
    return f'<a class="datum" href="{escape(text_href)}" title="{escape(title)}">{number}</a>'



def describe(point):
    """'Grant rate (court), Mexico, FY2012: 126 / (126 + 1,395)' and the like."""
    definition = MEASURES[point.measure]
    what = f"{definition.label}, {point.nationality}, {point.period}"
    if not definition.computed:
        # "45%" already says its unit; "45% percent" would say it twice.
        unit = "" if definition.unit == PERCENT else f" {definition.unit}"
        return f"{what}: {format_number(point.value, definition.unit)}{unit}"
    (numerator_row,) = [row for row in point.inputs if row.measure == definition.numerator]
    numerator = format_number(numerator_row.value, MEASURES[definition.numerator].unit)
    terms = " + ".join(format_number(row.value, MEASURES[row.measure].unit) for row in point.inputs)
    return f"{what}: {numerator} / ({terms}) = {format_number(point.value, definition.unit)}"


def sources_note_html(sources):
    """The note at the end of a post listing every source its figures and charts use."""
    items = "".join(f'<li id="source-{escape(s.id)}">{citation(s)}. {escape(s.notes)}</li>' for s in sources)
    return (
        f'<section class="data-sources" id="{SOURCES_NOTE_ID}" aria-labelledby="{SOURCES_NOTE_ID}-title">'
        f'<h2 id="{SOURCES_NOTE_ID}-title">{strings.SOURCES_NOTE_TITLE}</h2><ul>{items}</ul></section>'
    )


GAP_NOTE = "not in the data set"


def csv_text(points, gaps=()):
    """The rows a chart draws, one a line, with unit, source and how a computed value was obtained.

    Each combination the chart asked for and the data set lacks follows as a
    row with no value, so the file says what is missing as the chart does.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period", "nationality", "measure", "value", "unit", "source", "computed_as", "note"])
    for p in points:
        unit = MEASURES[p.measure].unit
        how = describe(p).split(": ", 1)[1] if MEASURES[p.measure].computed else ""
        writer.writerow([p.period, p.nationality, p.measure, plain_number(p.value, unit), unit, p.source, how, ""])
    for period, nationality, measure, source in gaps:
        writer.writerow([period, nationality, measure, "", MEASURES[measure].unit, source or "", "", GAP_NOTE])
    return buffer.getvalue()
