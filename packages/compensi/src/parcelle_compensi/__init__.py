"""The lawyers' fee parameters (DM 55/2014 as amended by DM 147/2022) and the fee arithmetic.

Pure: standard library only, no I/O but reading the package's own data file. istanze and
revisione both use it, so a phase's range and a fee note's totals are computed once.
"""

from parcelle_compensi.importi import (
    CENTESIMO,
    CPA_PERCENTUALE,
    IVA_PERCENTUALE,
    SPESE_GENERALI_PERCENTUALE,
    Totali,
    arrotonda,
    calcola_totali,
    percentuale,
)

__all__ = [
    "CENTESIMO",
    "CPA_PERCENTUALE",
    "IVA_PERCENTUALE",
    "SPESE_GENERALI_PERCENTUALE",
    "Totali",
    "arrotonda",
    "calcola_totali",
    "percentuale",
]
