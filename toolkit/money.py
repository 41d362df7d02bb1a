"""Money as integers: whole kronor in files, öre inside the engine; never float.

A share of the household's common costs (a cost shared by three persons) can give öre. The engine
keeps such amounts exact as a Fraction until it has to show or add them, and then rounds
to the öre, half up.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

ORE_PER_KRONA = 100


def ore(kronor: int) -> int:
    """Whole kronor to öre."""
    return kronor * ORE_PER_KRONA


def round_ore(value: Fraction | int) -> int:
    """Round an exact amount in öre to whole öre, half up (away from zero for a negative)."""
    if isinstance(value, int):  # most amounts are whole öre: no Fraction arithmetic
        return value
    n, d = value.numerator, value.denominator
    return (2 * n + d) // (2 * d) if n >= 0 else -((-2 * n + d) // (2 * d))


def round_kronor(amount_ore: int, mode: str) -> int:
    """Round an amount in öre to whole kronor by the municipal setting; returns öre.

    mode: 'närmaste_krona' (half up), 'nedåt' or 'ingen' (keep öre).
    """
    if mode == "ingen":
        return amount_ore
    whole, rest = divmod(amount_ore, ORE_PER_KRONA)
    if mode == "nedåt":
        return whole * ORE_PER_KRONA
    if mode == "närmaste_krona":
        return (whole + (1 if rest >= 50 else 0)) * ORE_PER_KRONA
    raise ValueError(f"okänt avrundningssätt: {mode}")


def to_decimal(amount_ore: int) -> Decimal:
    """Öre to kronor as an exact Decimal."""
    return Decimal(amount_ore) / ORE_PER_KRONA


def kronor_json(amount_ore: int) -> int | float:
    """The JSON value of an amount: an integer when whole kronor, else two decimals.

    Computation never uses float; the value is converted only for serialisation, and a
    two-decimal amount round-trips exactly through float's shortest repr.
    """
    whole, rest = divmod(amount_ore, ORE_PER_KRONA)
    return whole if rest == 0 else float(to_decimal(amount_ore))


def format_kr(amount_ore: int, *, sign: bool = False) -> str:
    """Swedish display: '12 170 kr', '466,67 kr', '−1 200 kr' (narrow no-break spaces)."""
    negative = amount_ore < 0
    whole, rest = divmod(abs(amount_ore), ORE_PER_KRONA)
    digits = f"{whole:,}".replace(",", "\u202f")
    text = digits if rest == 0 else f"{digits},{rest:02d}"
    prefix = "−" if negative else ("+" if sign and amount_ore > 0 else "")
    return f"{prefix}{text}\u00a0kr"


def parse_kronor(text: str) -> int:
    """Read an amount a person typed ('7 200', '7200 kr', '466,67') into öre.

    Raises ValueError with a Swedish message for anything that is not an amount.
    """
    cleaned = str(text).strip().lower().removesuffix("kr").removesuffix(":-").strip()
    cleaned = cleaned.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError("fältet är tomt: skriv ett belopp i kronor")
    if cleaned.startswith(("-", "−")):
        raise ValueError(f"'{text}' är negativt: beloppet ska vara 0 eller mer")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except Exception:
        raise ValueError(f"'{text}' är inget belopp: skriv bara siffror, till exempel 4250") from None
    exponent = value.as_tuple().exponent  # an int for every finite number
    if not value.is_finite() or not isinstance(exponent, int) or exponent < -2:
        raise ValueError(f"'{text}' är inget belopp i kronor och ören")
    return int(value * ORE_PER_KRONA)


def round_once(exact: Fraction | int, mode: str) -> int:
    """An exact amount in öre rounded once by the municipal setting, to öre: 'närmaste_krona'
    (half up), 'nedåt' (down to whole kronor) or 'ingen' (to the öre, half up)."""
    if mode == "ingen":
        return round_ore(exact)
    if mode == "nedåt":
        return (exact // 100) * 100
    if mode == "närmaste_krona":
        return int((exact / 100 + Fraction(1, 2)) // 1) * 100
    raise ValueError(f"okänt avrundningssätt: {mode}")
