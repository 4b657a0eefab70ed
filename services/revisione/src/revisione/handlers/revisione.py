"""What the relatore does: open the case to review, decide it, ask for integration; and who
reads the signed order. A decision is recorded with the signing step it causes (a command the
service sends itself through the outbox), so a crash after the answer loses nothing."""

from parcelle_contracts import revisione as contratti
from parcelle_contracts.common import FileRef
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction
from revisione import views
from revisione.domain.decisione import liquida
from revisione.domain.errori import NonAutorizzataError, NonTrovataError
from revisione.handlers.base import Handler, nome_relatore


class Revisioni(Handler):
    """The relatore's use cases."""

    async def dettaglio(self, msg: contratti.DettaglioRevisione) -> contratti.Revisione:
        """The case to review, for its assigned relatore only."""
        revisione = await self._revisione(msg.istanza_id)
        _consigliere(msg.attore.ruolo)
        revisione.verifica_relatore(msg.attore.username, msg.attore.ordine)
        impostazioni = await self._impostazioni(msg, revisione.ordine)
        istanza = await self._istanza(msg, revisione, msg.attore)
        return views.vista(revisione, istanza, impostazioni, ora=self.d.ora(), area=self.d.area)

    async def decidi(self, msg: contratti.DecidiPratica) -> contratti.Revisione:
        """Decide the case, once: the same command again answers the same."""
        gia = await self.d.store.run(lambda tx: self.d.consumer.processed(tx, msg))
        if gia is not None:
            return contratti.Revisione.model_validate(gia["reply"])
        _consigliere(msg.attore.ruolo)
        prima = await self._revisione(msg.istanza_id)
        prima.verifica_relatore(msg.attore.username, msg.attore.ordine)
        impostazioni = await self._impostazioni(msg, prima.ordine)
        istanza = await self._istanza(msg, prima, msg.attore)
        ora = self.d.ora()
        decisione = liquida(
            views.richiesta(istanza),
            views.decise(msg),
            esito=msg.esito,
            regole=views.regole_diritti(impostazioni),
            relatore=msg.attore.username,
            relatore_nome=nome_relatore(msg.attore, impostazioni),
            ora=ora,
            motivi=msg.motivi,
            note=msg.note,
        )

        async def work(tx: Transaction) -> Outcome:
            revisioni = self.d.revisioni(tx)
            revisione = await revisioni.prendi(msg.istanza_id)
            revisione.decidi(
                decisione,
                attendi_osservazioni=impostazioni.revisione.attendi_osservazioni,
                giorni_osservazioni=impostazioni.giorni_osservazioni,
            )
            await revisioni.salva(revisione)
            await self.d.fascicoli(tx).salva(istanza)
            firma = contratti.FirmaProvvedimento.caused_by(
                msg, correlation_id=revisione.correlation_id, istanza_id=revisione.istanza_id
            )
            vista = views.vista(revisione, istanza, impostazioni, ora=ora, area=self.d.area)
            return Outcome(events=[firma], reply=vista.model_dump(mode="json"))

        fatto = await self.d.consumer.handle(msg, work)
        return contratti.Revisione.model_validate(fatto.reply)

    async def richiedi_integrazione(
        self, msg: contratti.RichiediIntegrazione
    ) -> contratti.Revisione:
        """Ask the lawyer for integration: the case waits for their answer."""
        gia = await self.d.store.run(lambda tx: self.d.consumer.processed(tx, msg))
        if gia is not None:
            return contratti.Revisione.model_validate(gia["reply"])
        _consigliere(msg.attore.ruolo)
        prima = await self._revisione(msg.istanza_id)
        prima.verifica_relatore(msg.attore.username, msg.attore.ordine)
        impostazioni = await self._impostazioni(msg, prima.ordine)
        istanza = await self._istanza(msg, prima, msg.attore)
        ora = self.d.ora()

        async def work(tx: Transaction) -> Outcome:
            revisioni = self.d.revisioni(tx)
            revisione = await revisioni.prendi(msg.istanza_id)
            integrazione = revisione.richiedi_integrazione(
                msg.attore.username, msg.testo, msg.giorni, ora
            )
            await revisioni.salva(revisione)
            evento = contratti.IntegrazioneRichiesta.caused_by(
                msg,
                correlation_id=revisione.correlation_id,
                istanza_id=revisione.istanza_id,
                testo=integrazione.testo,
                giorni=integrazione.giorni,
                scadenza=integrazione.scadenza,
                richiesta_il=integrazione.richiesta_il,
                relatore=msg.attore.username,
            )
            vista = views.vista(revisione, istanza, impostazioni, ora=ora, area=self.d.area)
            return Outcome(events=[evento], reply=vista.model_dump(mode="json"))

        fatto = await self.d.consumer.handle(msg, work)
        return contratti.Revisione.model_validate(fatto.reply)

    async def file(self, msg: contratti.FileProvvedimento) -> FileRef:
        """The signed order, for the lawyer of the case, the secretariat and the relatore."""
        revisione = await self._revisione(msg.istanza_id)
        attore = msg.attore
        revisione.verifica_lettura_provvedimento(attore.ruolo, attore.username, attore.ordine)
        if attore.ruolo == "avvocato":
            copia = await self.d.store.run(
                lambda tx: self.d.fascicoli(tx).leggi(revisione.istanza_id)
            )
            if copia is None or copia.avvocato.username != attore.username:
                raise NonTrovataError("Provvedimento non disponibile")
        ref = views.file_provvedimento(revisione, self.d.area)
        if ref is None:  # verifica_lettura_provvedimento saw it
            raise NonTrovataError("Provvedimento non disponibile")
        return ref


def _consigliere(ruolo: str) -> None:
    if ruolo != "consigliere":
        raise NonAutorizzataError("Solo il consigliere relatore può esaminare la pratica")
