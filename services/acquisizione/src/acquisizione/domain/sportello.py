"""What the clerk confirms at the counter before acquiring a hand-signed deposit: the signed
original and, where the Ordine asks for it, the stamp duty (marca da bollo, EUR 16)."""

from dataclasses import dataclass
from typing import Final

from acquisizione.domain.errori import OriginaleMancanteError

ORIGINALE_MANCANTE: Final = (
    "L'istanza è stata depositata con firma autografa: prima di acquisirla confermare di aver "
    "ricevuto allo sportello l'originale firmato"
)
CON_BOLLO: Final = " e la marca da bollo richiesta dall'Ordine"
BOLLO_MANCANTE: Final = (
    "L'Ordine richiede la marca da bollo per le istanze con firma autografa: prima di "
    "acquisire l'istanza confermare di averla ricevuta"
)
CAMPO_ORIGINALE: Final = "Conferma di aver ricevuto l'originale firmato"
CAMPO_BOLLO: Final = "Conferma di aver ricevuto la marca da bollo"


@dataclass(frozen=True)
class Ricevuti:
    """What the clerk says is at hand."""

    originale: bool = False
    bollo: bool = False

    def verifica(self, *, marca_da_bollo: bool) -> None:
        """Raise :class:`OriginaleMancanteError` naming each confirmation still missing (its
        ``campi``: ``originale_ricevuto``, ``bollo_ricevuto``)."""
        manca_bollo = marca_da_bollo and not self.bollo
        campi = {}
        if not self.originale:
            campi["originale_ricevuto"] = CAMPO_ORIGINALE
        if manca_bollo:
            campi["bollo_ricevuto"] = CAMPO_BOLLO
        if not self.originale:
            raise OriginaleMancanteError(
                ORIGINALE_MANCANTE + (CON_BOLLO if manca_bollo else ""), campi
            )
        if manca_bollo:
            raise OriginaleMancanteError(BOLLO_MANCANTE, campi)

    def descrizione(self) -> str:
        """What the timeline says was received."""
        if self.bollo:
            return "originale con firma autografa e marca da bollo ricevuti"
        return "originale con firma autografa ricevuto"
