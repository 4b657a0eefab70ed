"""What the secretariat reads: the Ordine's mailings (of one case, or all), the newest first,
and where a receipt lies (the gateway streams it from the service's own area). A receipt is
also read by the lawyers of the Ordine the mailing's command named (its ``lettori``); to
anyone else a mailing is not found, as one that does not exist."""

from parcelle_contracts import postale as contratti
from parcelle_contracts.common import Attore, FileRef
from postale import views
from postale.domain.errori import NonAutorizzataError, NonTrovataError
from postale.handlers.base import Handler


class Consultazione(Handler):
    async def elenco(self, msg: contratti.ElencoRaccomandate) -> contratti.PaginaRaccomandate:
        """A page of the asking clerk's Ordine's mailings, the newest first."""
        _segreteria(msg.attore)
        raccomandate, seguente = await self.d.store.run(
            lambda tx: self.d.raccomandate(tx).pagina(
                msg.attore.ordine, msg.istanza_id, limite=msg.limit, dopo=msg.cursor
            )
        )
        return contratti.PaginaRaccomandate(
            items=[views.vista(r, self.d.area) for r in raccomandate],
            next=seguente,
            centro_stampa=self.d.centro.nome,
            simulatore=self.d.centro.simulato,
        )

    async def file(self, msg: contratti.FileRicevutaPostale) -> FileRef:
        """A receipt of a mailing, for the secretariat of its Ordine and its readers."""
        attore = msg.attore
        raccomandata = await self.d.store.run(
            lambda tx: self.d.raccomandate(tx).trova(msg.raccomandata_id)
        )
        if raccomandata is None or not raccomandata.leggibile_da(
            attore.ordine, attore.ruolo, attore.username
        ):
            raise NonTrovataError("Raccomandata non trovata")
        ricevuta = raccomandata.ricevuta(msg.ricevuta_id)
        if ricevuta is None:
            raise NonTrovataError("Ricevuta non trovata")
        return views.file_ricevuta(ricevuta, self.d.area)


def _segreteria(attore: Attore) -> None:
    if attore.ruolo != "segreteria":
        raise NonAutorizzataError("Solo la segreteria dell'Ordine consulta le raccomandate")
