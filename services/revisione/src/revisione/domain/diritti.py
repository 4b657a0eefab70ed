"""The council's fee (diritti di opinamento, L. 247/2012 art. 29 c.3 b), by the Ordine's rule.

Computed on the liquidated fee (compenso) only, each step rounded to the cent with the fee
arithmetic of :mod:`parcelle_compensi`: a fixed fee, plus a rate (a separate one for
court-appointed defence) up to a threshold and another above it, nothing but the fixed fee
under an exemption, then the minimum and maximum."""

from dataclasses import dataclass
from decimal import Decimal

from parcelle_compensi import arrotonda, percentuale

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RegoleDiritti:
    """The Ordine's rule (the settings' ``revisione.diritti``, field for field)."""

    percentuale: Decimal = Decimal("0")
    percentuale_difesa_ufficio: Decimal | None = None
    diritto_fisso: Decimal = Decimal("0")
    soglia: Decimal | None = None
    percentuale_oltre_soglia: Decimal | None = None
    esenzione_sotto: Decimal | None = None
    minimo: Decimal | None = None
    massimo: Decimal | None = None


def calcola_diritti(
    regole: RegoleDiritti, compenso: Decimal, *, difesa_ufficio: bool = False
) -> Decimal:
    """The council's fee due on a liquidated fee ``compenso``, in euro to the cent."""
    if compenso < 0:
        raise ValueError("a fee cannot be negative")
    fisso = arrotonda(regole.diritto_fisso)
    variabile = ZERO
    esente = regole.esenzione_sotto is not None and compenso < regole.esenzione_sotto
    if not esente:
        aliquota = regole.percentuale
        if difesa_ufficio and regole.percentuale_difesa_ufficio is not None:
            aliquota = regole.percentuale_difesa_ufficio
        if regole.soglia is None or regole.percentuale_oltre_soglia is None:
            variabile = percentuale(compenso, aliquota)
        else:
            entro = min(compenso, regole.soglia)
            oltre = max(compenso - regole.soglia, ZERO)
            variabile = percentuale(entro, aliquota) + percentuale(
                oltre, regole.percentuale_oltre_soglia
            )
    dovuti = fisso + variabile
    if regole.minimo is not None and not esente:
        dovuti = max(dovuti, arrotonda(regole.minimo))
    if regole.massimo is not None:
        dovuti = min(dovuti, arrotonda(regole.massimo))
    return arrotonda(dovuti)
