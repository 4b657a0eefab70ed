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
from parcelle_compensi.tabelle import (
    FASE_UNICA,
    Fonte,
    Parametri,
    Regola,
    Scaglione,
    Tabella,
    entro_limiti,
    mancanti,
    parametri,
    parametri_della_pratica,
    parametri_tabella,
    regole,
    scaglione,
    scaglioni,
    tabella,
    tabelle,
    tabelle_per,
)

__all__ = [
    "CENTESIMO",
    "CPA_PERCENTUALE",
    "FASE_UNICA",
    "IVA_PERCENTUALE",
    "SPESE_GENERALI_PERCENTUALE",
    "Fonte",
    "Parametri",
    "Regola",
    "Scaglione",
    "Tabella",
    "Totali",
    "arrotonda",
    "calcola_totali",
    "entro_limiti",
    "mancanti",
    "parametri",
    "parametri_della_pratica",
    "parametri_tabella",
    "percentuale",
    "regole",
    "scaglione",
    "scaglioni",
    "tabella",
    "tabelle",
    "tabelle_per",
]
