"""The lawyer answers the relatore's request for integration: a note and documents (each left
in the transfer area by the gateway, its type sniffed here as for any attachment); the case goes
back to ``acquisita`` and ``IntegrazioneFornita`` tells ``revisione`` and ``acquisizione``."""

import copy
from collections.abc import Sequence

from istanze import views
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.domain.tipi_file import CONTENT_TYPE, riconosci
from istanze.handlers.base import Handler, stato_cambiato
from parcelle_contracts import istanze as contratti
from parcelle_contracts.envelope import Message
from parcelle_contracts.integrazioni import IntegrazioneFornita, RispondiIntegrazione


class Integrazioni(Handler):
    async def rispondi(self, msg: RispondiIntegrazione) -> contratti.Istanza:
        """Add the documents and the note; the case is the relatore's again."""
        gia = await self._risposta_data(msg)
        if gia is not None:
            return gia
        utente = views.utente(msg.attore)
        istanza, regole = await self._leggi(msg, msg.istanza_id)
        istanza.verifica_risposta(utente, msg.nota)
        ora = self.d.ora()
        nuovi = []
        for n, allegato in enumerate(msg.allegati):
            data = await self.d.transfer.get(allegato.file.key)
            tipo = riconosci(data)
            if tipo in ("PDF", "PDF firmato"):
                await self.d.controllo_pdf(data)
            nuovi.append((f"{msg.message_id}-{n}", allegato, tipo))

        def rispondi(istanza: Istanza, regole: RegoleOrdine) -> Sequence[Message]:
            precedente = istanza.stato
            for id_, allegato, tipo in nuovi:
                istanza.aggiungi_allegato(
                    id=id_,
                    categoria=allegato.categoria,
                    nome_file=allegato.nome_file,
                    tipo=tipo,
                    dimensione=allegato.file.size,
                    sha256=allegato.file.sha256,
                    blob_key=f"allegati/{istanza.id}/{id_}",
                    ora=ora,
                    regole=regole,
                    integrazione=True,
                )
            istanza.rispondi_integrazione(msg.nota, ora, utente)
            return [
                stato_cambiato(msg, istanza, precedente),
                IntegrazioneFornita.caused_by(
                    msg,
                    istanza_id=istanza.id,
                    nota=" ".join(msg.nota.split()),
                    allegati=[id_ for id_, _, _ in nuovi],
                    fornita_il=ora,
                ),
            ]

        rispondi(copy.deepcopy(istanza), regole)  # refuse before copying anything
        for id_, allegato, tipo in nuovi:
            assert tipo is not None  # the aggregate refused unknown types
            await self._prendi(allegato.file, f"allegati/{istanza.id}/{id_}", CONTENT_TYPE[tipo])
        return await self._cambia(msg, utente, msg.istanza_id, rispondi)
