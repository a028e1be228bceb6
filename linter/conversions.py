"""Physical units: what each canonical unit measures and its size in base units.

A small exact table instead of ``pint``: the checks only compare the handful of units
news copy converts (km/miles, kg/lb, tonnes/tons, °C/°F, km²/sq mi, litres/gallons),
and importing pint costs ~0.2 s per run. Factors are the legal definitions (the
international yard and pound of 1959, the US and imperial gallons). Where a name is
ambiguous ("tons": short, long or metric; "gallons": US or imperial) every reading is
listed, and a conversion is right if any reading fits.
"""
from __future__ import annotations

#: unit -> (dimension, possible sizes in the dimension's base unit)
UNIT_SIZES: dict[str, tuple[str, tuple[float, ...]]] = {
    "mm": ("length", (0.001,)), "cm": ("length", (0.01,)), "m": ("length", (1.0,)),
    "km": ("length", (1000.0,)), "in": ("length", (0.0254,)), "ft": ("length", (0.3048,)),
    "yd": ("length", (0.9144,)), "mi": ("length", (1609.344,)), "nmi": ("length", (1852.0,)),
    "g": ("mass", (0.001,)), "kg": ("mass", (1.0,)), "oz": ("mass", (0.028349523125,)),
    "lb": ("mass", (0.45359237,)), "tonne": ("mass", (1000.0,)),
    "ton": ("mass", (907.18474, 1016.0469088, 1000.0)),
    "km2": ("area", (1e6,)), "mi2": ("area", (2589988.110336,)), "ha": ("area", (1e4,)),
    "acre": ("area", (4046.8564224,)),
    "l": ("volume", (1.0,)), "gal": ("volume", (3.785411784, 4.54609)), "bbl": ("volume", (158.987294928,)),
    "km/h": ("speed", (1 / 3.6,)), "mph": ("speed", (0.44704,)), "kn": ("speed", (1852 / 3600,)),
}

TEMPERATURES = ("degC", "degF")


def dimension(unit: str) -> str | None:
    """What ``unit`` measures ("length", "temperature"...), or None if unknown."""
    if unit in TEMPERATURES:
        return "temperature"
    entry = UNIT_SIZES.get(unit)
    return entry[0] if entry else None


def convert(value: float, unit: str, target: str) -> list[float]:
    """Every reading of ``value unit`` expressed in ``target`` ([] if not convertible)."""
    if unit in TEMPERATURES or target in TEMPERATURES:
        if {unit, target} != set(TEMPERATURES):
            return [value] if unit == target else []
        return [value * 9 / 5 + 32] if unit == "degC" else [(value - 32) * 5 / 9]
    a, b = UNIT_SIZES.get(unit), UNIT_SIZES.get(target)
    if not a or not b or a[0] != b[0]:
        return []
    return sorted({value * sa / sb for sa in a[1] for sb in b[1]})
