"""The unit-conversion tool: a value from one unit to another, with ``pint``'s
definitions (thousands of units, SI prefixes, US and imperial units, temperatures).

Temperatures are converted as quantities, never by multiplying: 100 °C is 212 °F,
whereas a factor would give 180.  ``pint`` handles the offsets when the value is made
a ``Quantity`` in its unit first and then converted.

Unit names are model output.  ``pint`` reads them with its own small expression
evaluator, which computes powers as written: ``m**(10**10**10)`` would never finish.
So a unit is refused unless it is short and every power in it is a small literal
number (``m**2``, ``s^-1``, ``m²``), and the exponents of the parsed unit are bounded
again before any conversion factor is computed.

``pint`` itself (with numpy: 0.15 s) is imported with the registry, at the first
conversion: the tool's description does not need it, and a window start should not
pay for it.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from core.tools.builtin.calculator import format_number
from core.tools.problems import ToolFailed
from core.tools.spec import ToolSource, ToolSpec

if TYPE_CHECKING:
    import pint

NAME = "convert_units"
TITLE = "Unit conversion"
SUMMARY = "Converts values between units: lengths, weights, temperatures, speeds, volumes …"

#: Longer unit names are refused (the longest real one is about 30 characters).
MAX_UNIT_CHARS = 60
#: The largest exponent a unit may have after parsing (m**3 is common; m**30 is not).
MAX_EXPONENT = 30

#: After ``**`` or ``^``: a short literal number that is not raised again.
_POWER = re.compile(r"\*\*|\^")
_EXPONENT = re.compile(r"\s*[+-]?\d{1,2}(?:\.\d{1,3})?(?!\s*(?:\*\*|\^|\d|\.|\())")
_SUPERSCRIPTS = re.compile("⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")

SPEC = ToolSpec(
    NAME,
    "Converts a value from one unit to another and returns the converted value. Knows "
    "SI and prefixed units, US and imperial units, temperatures (degC, degF, kelvin), "
    "speeds, volumes, energy, pressure, data sizes and more. Units are written like "
    "km, mile, km/h, degC, degF, kg, lb, L, gallon, kWh, psi, m**2.",
    {"type": "object",
     "properties": {
         "value": {"type": "number", "description": "The value to convert, e.g. 100"},
         "from_unit": {"type": "string", "description": "The value's unit, e.g. degC"},
         "to_unit": {"type": "string", "description": "The unit wanted, e.g. degF"}},
     "required": ["value", "from_unit", "to_unit"], "additionalProperties": False},
    ToolSource.BUILTIN)

_registry: pint.UnitRegistry[Any] | None = None
#: Guards the registry's creation (half a second) and its use: pint's parse caches are
#: not meant for several threads at once.
_lock = threading.RLock()


def registry() -> pint.UnitRegistry[Any]:
    """The one unit registry, built on first use (loading the definitions takes about
    half a second, which only a conversion should pay)."""
    global _registry
    with _lock:
        if _registry is None:
            import pint

            _registry = pint.UnitRegistry()
        return _registry


def run(arguments: Mapping[str, Any]) -> str:
    """``value from_unit = result to_unit`` (validated arguments)."""
    value = arguments["value"]
    from_text, to_text = str(arguments["from_unit"]), str(arguments["to_unit"])
    with _lock:
        units = registry()
        import pint  # loaded by the registry
        source, target = _unit(units, from_text), _unit(units, to_text)
        try:
            result = units.Quantity(value, source).to(target)
            magnitude = float(result.magnitude)
        except pint.DimensionalityError as error:
            raise ToolFailed(
                "tools.units_incompatible",
                'Cannot convert "{from_unit}" ({from_dimension}) to "{to_unit}" '
                "({to_dimension}): they measure different things.",
                from_unit=from_text, to_unit=to_text,
                from_dimension=_dimension(error.dim1), to_dimension=_dimension(error.dim2)
            ) from None
        except pint.OffsetUnitCalculusError:
            raise ToolFailed(
                "tools.units_offset",
                'A temperature in "{unit}" cannot be combined with other units; convert '
                "the temperature on its own (degC, degF, kelvin).",
                unit=f"{from_text} → {to_text}") from None
        except (OverflowError, ZeroDivisionError):
            magnitude = math.inf
    if not math.isfinite(magnitude):
        raise ToolFailed("tools.units_out_of_range",
                         "The converted value is too large to compute.")
    return f"{format_number(value)} {_name(source)} = {format_number(magnitude)} " \
           f"{_name(target)}"


def _unit(units: pint.UnitRegistry[Any], text: str) -> Any:
    """The unit ``text`` names; raises :class:`ToolFailed` for an unknown name or one
    that could make pint compute without end (see the module's docstring)."""
    written = _SUPERSCRIPTS.sub(lambda m: "**" + m.group().translate(_SUPERSCRIPT_DIGITS),
                                text.strip())
    if not written or len(written) > MAX_UNIT_CHARS or not _plain_powers(written):
        raise _unreadable(text)
    from pint import UndefinedUnitError  # loaded by the registry

    try:
        unit = units.parse_units(written)
    except UndefinedUnitError:
        raise ToolFailed("tools.units_unknown",
                         'The unit "{unit}" is not known. Write units like km, mile, km/h, '
                         "degC, kg, lb, L or kWh.", unit=text[:MAX_UNIT_CHARS]) from None
    except Exception:  # pint's parser raises what its tokenizer or evaluator meets
        raise _unreadable(text) from None
    # The unit's own powers ({"meter": 2}), before dimensions cancel (km**30 / m**30).
    powers = [power for _, power in units.Quantity(1, unit).unit_items()]
    if any(not isinstance(power, int | float) or abs(power) > MAX_EXPONENT
           for power in powers):
        raise _unreadable(text)
    return unit


def _plain_powers(text: str) -> bool:
    """Whether every ``**`` or ``^`` in ``text`` is followed by a short number that is
    not itself raised to a power."""
    return all(_EXPONENT.match(text, found.end()) for found in _POWER.finditer(text))


def _unreadable(text: str) -> ToolFailed:
    return ToolFailed("tools.units_unreadable",
                      'The unit "{unit}" could not be read. Write units like km, mi/h, degC '
                      "or kg*m/s**2.", unit=text[:MAX_UNIT_CHARS])


def _name(unit: Any) -> str:
    """``degree Fahrenheit``, ``kilometer / hour`` (pint's long names, which no model
    misreads; its underscores read better as spaces)."""
    text = str(unit).replace("_", " ")
    return text or "(no unit)"


def _dimension(dimension: Any) -> str:
    """pint's dimensionality (``[length] / [time]``) without its brackets."""
    return str(dimension).replace("[", "").replace("]", "") or "no dimension"
