"""How numbers read on the site: thousands separators for counts, one decimal for computed rates.

A published percentage keeps the precision its source printed (23% stays
23%, not 23.0%), so the site never claims more precision than the source.
"""

from decimal import ROUND_HALF_UP, Decimal

from .measures import PERCENT


def format_number(value, unit, axis=False):
    """'9,206', '8.3%', '23%'; `axis` gives short tick labels ('40%', '2,000')."""
    if unit != PERCENT:
        return f"{round(value):,}"
    if axis:
        return f"{value:g}%"
    if isinstance(value, Decimal | int):
        return f"{value}%"
    return f"{Decimal(repr(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def plain_number(value, unit):
    """The value as written in the downloadable CSV: no separators, computed rates to one decimal."""
    return format_number(value, unit).rstrip("%").replace(",", "")
