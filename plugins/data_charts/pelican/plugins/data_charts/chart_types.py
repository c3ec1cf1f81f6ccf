"""The chart types: one record per type with everything that differs between types.

The spec takes its list of names from here, the layout its default axis and
shape rule, the alt text its wording, and the drawing its function, so a new
type is one record below and one drawing function in drawers.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import drawers
from .errors import ChartError
from .measures import PERCENT


@dataclass(frozen=True)
class ChartType:
    name: str  # what authors write after 'type:'
    spoken: str  # how alt text names it: "Bar chart: <title>. ..."
    default_x: Callable  # (dimensions that vary) -> the dimension along the axis
    check_shape: Callable  # (x, other varying dimensions, unit) -> None; raises ChartError
    draw: Callable  # (axes, table, colours, look) -> legend handles
    # Points joined along periods: small margins, and on a phone or a card
    # every other period labelled is enough to read the line by.
    continuous: bool = False


def _first_varying(varying):
    return varying[0] if varying else "measure"


def _periods(varying):
    return "period"


def _one_thing(x, others, unit):
    if others:
        raise ChartError(
            f"a bar chart varies one thing along its axis ({x}); this one also varies "
            f"{' and '.join(others)}: use grouped-bar or stacked-bar"
        )


def _two_things(kind):
    def check(x, others, unit):
        if len(others) > 1:
            raise ChartError(
                f"a {kind} chart shows {x} along its axis and one thing in colour; "
                f"this one also varies {' and '.join(others)}"
            )

    return check


def _stackable(x, others, unit):
    _two_things("stacked-bar")(x, others, unit)
    if unit == PERCENT:
        raise ChartError("a stacked-bar chart adds its values, and percentages do not add up; use grouped-bar")
    if "source" in others or x == "source":
        raise ChartError("a stacked-bar chart would add the same figure from several sources; use grouped-bar to compare sources")


def _three_things(x, others, unit):
    if len(others) > 2:
        raise ChartError(
            f"a line chart shows periods along its axis, one thing in colour and one in dashes; "
            f"this one varies {' and '.join(others)}"
        )


CHART_TYPES = {
    chart_type.name: chart_type
    for chart_type in (
        ChartType("bar", "Bar chart", _first_varying, _one_thing, drawers.draw_bar),
        ChartType("grouped-bar", "Grouped bar chart", _first_varying, _two_things("grouped-bar"),
                  drawers.draw_grouped_bar),
        ChartType("stacked-bar", "Stacked bar chart", _first_varying, _stackable, drawers.draw_stacked_bar),
        ChartType("line", "Line chart", _periods, _three_things, drawers.draw_line, continuous=True),
    )
}
