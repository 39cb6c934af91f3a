"""Unit conversion with pint: lengths, masses, speeds, volumes, energy, and
temperatures as quantities (offsets, not factors); unknown and incompatible units are
clear errors; a unit written to make pint compute without end is refused first."""

from __future__ import annotations

import re
import threading

import pytest

from core.tools.builtin import units
from core.tools.problems import ToolFailed

pytestmark = pytest.mark.timeout(60)


def converted(value: float, from_unit: str, to_unit: str) -> float:
    text = units.run({"value": value, "from_unit": from_unit, "to_unit": to_unit})
    match = re.search(r" = (\S+) ", text)
    assert match, text
    return float(match.group(1))


@pytest.mark.parametrize(("value", "from_unit", "to_unit", "result"), [
    (100, "degC", "degF", 212),
    (-40, "degF", "degC", -40),
    (37, "celsius", "fahrenheit", 98.6),
    (0, "kelvin", "degC", -273.15),
    (0, "degC", "K", 273.15),
    (451, "°F", "°C", 232.777777777778),
    (1, "mile", "km", 1.609344),
    (100, "km/h", "m/s", 27.7777777777778),
    (60, "mph", "km/h", 96.56064),
    (2, "kg", "lb", 4.40924524369755),
    (1, "lb", "g", 453.59237),
    (5, "L", "gallon", 1.32086026179074),
    (1, "kWh", "J", 3_600_000),
    (1, "atm", "psi", 14.6959487755134),
    (1, "m²", "ft**2", 10.7639104167097),
    (3, "m^2", "cm^2", 30_000),
    (1, "GiB", "MiB", 1024),
    (1.5, "hour", "minute", 90),
    (1, "nmi", "m", 1852),
])
def test_conversions(value: float, from_unit: str, to_unit: str, result: float) -> None:
    assert converted(value, from_unit, to_unit) == pytest.approx(result, rel=1e-12)


def test_the_result_names_both_units_in_words() -> None:
    assert units.run({"value": 100, "from_unit": "degC", "to_unit": "degF"}) == \
        "100 degree Celsius = 212 degree Fahrenheit"
    assert units.run({"value": 2.5, "from_unit": "km", "to_unit": "m"}) == \
        "2.5 kilometer = 2500 meter"


def test_a_temperature_is_not_multiplied() -> None:
    # 100 °C is 212 °F; multiplying by the size of a degree would give 180.
    assert converted(100, "degC", "degF") != pytest.approx(180)
    # A difference of temperatures converts by the factor alone.
    assert converted(10, "delta_degC", "delta_degF") == pytest.approx(18)


@pytest.mark.parametrize(("from_unit", "to_unit", "dimensions"), [
    ("m", "s", ("length", "time")),
    ("degC", "kg", ("temperature", "mass")),
    ("km/h", "km", ("length / time", "length")),
])
def test_incompatible_units(from_unit: str, to_unit: str,
                            dimensions: tuple[str, str]) -> None:
    with pytest.raises(ToolFailed) as caught:
        units.run({"value": 1, "from_unit": from_unit, "to_unit": to_unit})
    assert caught.value.code == "tools.units_incompatible"
    assert caught.value.params == {
        "from_unit": from_unit, "to_unit": to_unit,
        "from_dimension": dimensions[0], "to_dimension": dimensions[1]}


@pytest.mark.parametrize("name", ["furlongz", "eval", "__class__", "m; import os",
                                  "smoots_per_fortnight"])
def test_an_unknown_unit(name: str) -> None:
    with pytest.raises(ToolFailed) as caught:
        units.run({"value": 1, "from_unit": "m", "to_unit": name})
    assert caught.value.code == "tools.units_unknown"
    assert caught.value.params["unit"] == name


@pytest.mark.parametrize("name", [
    "", "   ", "1/", "m/0", "2 m", "m**", "m**(10**10**10)", "m**(2**3)", "m**2**2",
    "m^10^10", "((m**9)**9)**9", "m**99", "m⁹⁹⁹⁹⁹⁹", "m" * 100, "km**31",
    "(m)**999999999",
])
def test_unreadable_units_are_refused_quickly(name: str) -> None:
    with pytest.raises(ToolFailed) as caught:
        units.run({"value": 1, "from_unit": name, "to_unit": "m"})
    assert caught.value.code == "tools.units_unreadable"


def test_exponents_up_to_the_bound_work() -> None:
    assert converted(1, "km**3", "m**3") == pytest.approx(1e9)
    assert converted(1, "km**30", "m**30") == pytest.approx(1e90)


def test_a_value_past_the_range_of_floats_is_an_error() -> None:
    with pytest.raises(ToolFailed) as caught:
        units.run({"value": 1e308, "from_unit": "km", "to_unit": "mm"})
    assert caught.value.code == "tools.units_out_of_range"


def test_the_registry_is_built_once_even_from_several_threads() -> None:
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(units.registry()))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(registry) for registry in found}) == 1
    results: list[str] = []
    workers = [threading.Thread(target=lambda: results.append(
        units.run({"value": 1, "from_unit": "mile", "to_unit": "km"}))) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == ["1 mile = 1.609344 kilometer"] * 8


def test_the_tool_is_named_and_needs_three_arguments() -> None:
    assert units.SPEC.name == "convert_units"
    assert units.SPEC.parameters["required"] == ["value", "from_unit", "to_unit"]
