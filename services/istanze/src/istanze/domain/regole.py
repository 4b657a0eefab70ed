"""The rules an Ordine sets for applications, with the defaults of DOMAIN.md.

Ordini differ (file limits, whether a hand-signed original is accepted, what a deposit must
include), so every such rule is a field here and the service reads one :class:`RegoleOrdine`
per Ordine. The Ordine's settings are owned by ``acquisizione``: this service builds its
rules from the read copy it keeps (see :mod:`istanze.views`), and never sets them. What a
deposit requires is data too: a tuple of requirement keys, whose Italian labels and checks
live in :mod:`istanze.domain.requisiti`.

``Requisito`` and the accepted file types repeat the value sets of
``parcelle_contracts.ordini``, which this pure domain may not import; a test keeps them equal.
"""

from dataclasses import dataclass, field
from typing import Final, get_args

from istanze.domain.tipi_file import TIPI_FILE
from parcelle_contracts.vocabolario import MB, REQUISITI_PREDEFINITI, Requisito, TipoFile

REQUISITI: Final[tuple[Requisito, ...]] = get_args(Requisito)


@dataclass(frozen=True)
class RegoleOrdine:
    """One Ordine's rules for applications. Invalid combinations fail at construction, so a
    misconfigured Ordine is found when the service starts, not by a lawyer at deposit."""

    max_dimensione_file: int = 16 * MB
    max_dimensione_pratica: int = 100 * MB
    firma_digitale_obbligatoria: bool = True
    """Whether only a digitally signed application may be deposited (else a hand-signed
    original, brought to the counter, is accepted)."""
    tipi_ammessi: tuple[TipoFile, ...] = TIPI_FILE
    max_allegati: int = 50
    requisiti: tuple[Requisito, ...] = field(default=REQUISITI_PREDEFINITI)
    """What a deposit requires, in the order it is listed to the lawyer."""
    pagamento_prima_del_rilascio: bool = True
    """The signed order is the lawyer's to download only once the council fee is paid."""

    def __post_init__(self) -> None:
        if self.max_dimensione_file <= 0 or self.max_allegati <= 0:
            raise ValueError("limits must be positive")
        if self.max_dimensione_pratica < self.max_dimensione_file:
            raise ValueError("a case's size limit cannot be below a file's")
        if not self.tipi_ammessi or not set(self.tipi_ammessi) <= set(TIPI_FILE):
            raise ValueError(f"accepted file types must be some of {TIPI_FILE}")
        sconosciuti = set(self.requisiti) - set(REQUISITI)
        if sconosciuti:
            raise ValueError(f"unknown requirements: {sorted(sconosciuti)}")


REGOLE_PREDEFINITE: Final = RegoleOrdine()
"""The defaults, for an Ordine that set nothing else."""
