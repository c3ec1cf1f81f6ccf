"""The words the charts plugin puts around figures for readers, in one table.

A change of wording or a translation touches this file only; the numbers and
names come from the data set.
"""

DOWNLOAD = "Download:"
DOWNLOAD_CSV = "the figures (CSV)"
DOWNLOAD_SVG = "the chart (SVG)"
FIGURES_IN_CHART = "The figures in this chart"
TABLE_LABEL = "Figures: {title}"
SOURCE_ONE = "Source"
SOURCE_MANY = "Sources"
SOURCES_NOTE_TITLE = "Sources of the figures"
FIGURE_TOOLTIP = "{description}. Source: {publisher}, {title}, {published}"
