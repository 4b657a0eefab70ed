"""Money of a fee note: the fee and what the law adds to it, in euro and cents.

Each legal step is rounded to the cent (ROUND_HALF_UP) before the next one uses it, as fee notes
and the councils' worked examples do: fee -> spese generali (DM 55/2014 art. 2 c.2, 15% unless
said otherwise) -> CPA 4% on fee and spese generali -> IVA 22% on all of that; expenses (spese
vive) are outside IVA. Only :class:`decimal.Decimal`: a float is refused, never converted.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    FloatOperation,
    InvalidOperation,
    Overflow,
    localcontext,
)

CENTESIMO = Decimal("0.01")
SPESE_GENERALI_PERCENTUALE = Decimal("15")
CPA_PERCENTUALE = Decimal("4")
IVA_PERCENTUALE = Decimal("22")
ZERO = Decimal("0.00")

# Our own arithmetic context: a caller that lowered the precision of the thread's context
# must not change a fee. 28 digits hold any amount the contracts allow, with room to spare.
# FloatOperation is trapped: a float that slipped past the type checks raises, never mixes in.
_CONTESTO = Context(
    prec=28,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow, FloatOperation],
)


def arrotonda(importo: Decimal) -> Decimal:
    """``importo`` rounded to the cent, halves away from zero."""
    _solo_decimal(importo)
    with localcontext(_CONTESTO):
        return importo.quantize(CENTESIMO, rounding=ROUND_HALF_UP)


def percentuale(base: Decimal, aliquota: Decimal) -> Decimal:
    """``aliquota`` per cent of ``base``, rounded to the cent."""
    _solo_decimal(base)
    _solo_decimal(aliquota)
    with localcontext(_CONTESTO):
        return arrotonda(base * aliquota / Decimal(100))


@dataclass(frozen=True)
class Totali:
    """The amounts of a fee note, each rounded to the cent."""

    compenso: Decimal
    spese_generali: Decimal
    cpa: Decimal
    iva: Decimal
    spese: Decimal
    totale: Decimal

    @property
    def imponibile_iva(self) -> Decimal:
        """Fee, spese generali and CPA: what IVA is computed on."""
        return self.compenso + self.spese_generali + self.cpa


def calcola_totali(
    importi: Iterable[Decimal],
    spese: Decimal | None = None,
    spese_generali_percentuale: Decimal = SPESE_GENERALI_PERCENTUALE,
    cpa_percentuale: Decimal = CPA_PERCENTUALE,
    iva_percentuale: Decimal = IVA_PERCENTUALE,
) -> Totali:
    """The totals of a fee note whose requested items are ``importi``.

    Raises ``ValueError`` for a negative amount or rate and ``TypeError`` for a float: the
    owning code validates user input before, so either is a programming error here.
    """
    voci = [_non_negativo(importo) for importo in importi]
    for aliquota in (spese_generali_percentuale, cpa_percentuale, iva_percentuale):
        _non_negativo(aliquota)
    with localcontext(_CONTESTO):
        compenso = arrotonda(sum(voci, ZERO))
        spese_generali = percentuale(compenso, spese_generali_percentuale)
        cpa = percentuale(compenso + spese_generali, cpa_percentuale)
        iva = percentuale(compenso + spese_generali + cpa, iva_percentuale)
        spese_vive = arrotonda(_non_negativo(spese if spese is not None else ZERO))
        totale = compenso + spese_generali + cpa + iva + spese_vive
    return Totali(compenso, spese_generali, cpa, iva, spese_vive, totale)


def _solo_decimal(valore: object) -> None:
    # A float is not exact (0.1 is not a tenth); refusing int too keeps callers from mixing
    # types that would hide a float upstream.
    if not isinstance(valore, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(valore).__name__}")


def _non_negativo(valore: Decimal) -> Decimal:
    _solo_decimal(valore)
    if not valore.is_finite() or valore < 0:
        raise ValueError(f"amount must be a finite, non-negative Decimal: {valore}")
    return valore
