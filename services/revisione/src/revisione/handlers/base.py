"""The steps every use case of `revisione` shares: the Ordine's settings (the read copy, or the
owner's answer kept as the copy, or the defaults for this request only), the review and the
application as the relatore sees them, and who the relatore is by name."""

from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import Message
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.impostazioni import impostazioni_ordine
from revisione.domain.revisione import Revisione
from revisione.ports import Dependencies


class Handler:
    """Base of the use-case classes: the dependencies, and the shared steps."""

    def __init__(self, d: Dependencies) -> None:
        self.d = d

    async def _impostazioni(self, causa: Message, ordine: str) -> ImpostazioniOrdine:
        return await impostazioni_ordine(
            self.d.store, self.d.impostazioni, self.d.acquisizione, causa, ordine
        )

    async def _revisione(self, istanza_id: str) -> Revisione:
        return await self.d.store.run(lambda tx: self.d.revisioni(tx).prendi(istanza_id))

    async def _istanza(self, causa: Message, revisione: Revisione, attore: Attore) -> Istanza:
        """The application as the owner shows it now; once decided, the copy decided on."""
        if revisione.decisione is not None:
            copia = await self.d.store.run(
                lambda tx: self.d.fascicoli(tx).leggi(revisione.istanza_id)
            )
            if copia is not None:
                return copia
        return await self.d.istanze.dettaglio(causa, revisione.istanza_id, attore)


def nome_relatore(attore: Attore, impostazioni: ImpostazioniOrdine) -> str:
    """The relatore's name as the order prints it: the Ordine's list, else their account."""
    for relatore in impostazioni.relatori:
        if relatore.username == attore.username:
            return relatore.nome
    return " ".join(p for p in (attore.nome, attore.cognome) if p) or attore.username


def attore_relatore(revisione: Revisione) -> Attore:
    """The relatore as the service asks ``istanze`` on their behalf (the signing step)."""
    return Attore(
        username=revisione.relatore or "revisione",
        ruolo="consigliere",
        ordine=revisione.ordine,
        tramite="sistema",
    )
