"""After the decision: the secretariat registers the council fee's payment, the lawyer or a
clerk sends the signed order to the client and other obligors, the lawyer chooses the channels
of their own messages; and the delivery services' reports move each delivery on."""

from collections.abc import Sequence
from decimal import Decimal

from istanze import views
from istanze.domain.consegne import ROMA, Pagamento, Prova, Recapito
from istanze.domain.errori import NonTrovataError
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.handlers.avvisi import TUTTI, all_avvocato
from istanze.handlers.base import Handler
from istanze.handlers.revisione import allegato, rilascio
from istanze.ports import Dependencies
from parcelle_contracts import istanze as contratti
from parcelle_contracts.avvisi import Avvisi, ImpostaAvvisi, LeggiAvvisi
from parcelle_contracts.comunicazioni import (
    DatiComunicazione,
    Destinatario,
    InviaComunicazione,
)
from parcelle_contracts.consegne import InviaProvvedimento, RegistraPagamento
from parcelle_contracts.envelope import Message
from parcelle_contracts.postale import InviaRaccomandata
from parcelle_contracts.rapporti import Rapporto, esito
from parcelle_contracts.vocabolario import (
    CanalePosta,
)
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction


class Seguito(Handler):
    """Payment, the order to the client, the lawyer's channels."""

    async def registra_pagamento(self, msg: RegistraPagamento) -> contratti.Istanza:
        utente = views.utente(msg.attore)
        canali = await self._canali_del_titolare(msg.istanza_id)

        def paga(istanza: Istanza, regole: RegoleOrdine) -> Sequence[Message]:
            era_rilasciato = istanza.rilasciato(regole)
            pagamento = Pagamento(
                data=msg.data,
                metodo=msg.metodo,
                riferimento=msg.riferimento,
                importo=istanza.diritti or Decimal(0),
                registrato_il=self.d.ora(),
                registrato_da=utente.nome_completo(),
            )
            if not istanza.registra_pagamento(pagamento, utente):
                return ()
            registrato = istanza.pagamento
            assert registrato is not None
            dati = DatiComunicazione(
                diritti=registrato.importo,
                pagamento=f"{registrato.data:%d/%m/%Y}, {registrato.riferimento}",
            )
            if era_rilasciato:
                return all_avvocato(msg, istanza, "pagamento_registrato", canali, dati=dati)
            # The payment released the order: it travels with the payment's receipt.
            return [
                rilascio(msg, istanza),
                *all_avvocato(
                    msg,
                    istanza,
                    "pagamento_registrato",
                    canali,
                    dati=dati,
                    allegati=allegato(istanza),
                ),
            ]

        return await self._cambia(msg, utente, msg.istanza_id, paga)

    async def invia_provvedimento(self, msg: InviaProvvedimento) -> contratti.Istanza:
        utente = views.utente(msg.attore)
        recapiti = [Recapito(**r.model_dump()) for r in msg.destinatari]
        ids = [f"{msg.message_id}:{i}" for i in range(len(recapiti))]

        def invia(istanza: Istanza, regole: RegoleOrdine) -> Sequence[Message]:
            consegne = istanza.invia_provvedimento(
                recapiti, ids, self.d.ora(), utente, regole, solo_prima_volta=msg.solo_prima_volta
            )
            documenti = allegato(istanza)
            if not documenti:
                raise NonTrovataError("Il provvedimento firmato non è disponibile per l'invio")
            dati = DatiComunicazione(
                protocollo=istanza.protocollo,
                avvocato=istanza.avvocato.nome_completo(),
                cliente=istanza.nome_cliente(),
            )
            # The owning lawyer may download each delivery's receipts, whoever sent it.
            lettori = [istanza.avvocato.username]
            comandi: list[Message] = []
            for consegna in consegne:
                r = consegna.recapito
                if r.canale == "raccomandata":
                    comandi.append(
                        InviaRaccomandata.caused_by(
                            msg,
                            istanza_id=istanza.id,
                            comunicazione_id=consegna.id,
                            messaggio="provvedimento_al_cliente",
                            destinatario=Destinatario(nome=r.nome, indirizzo=r.indirizzo),
                            documento=documenti[0],
                            lettori=lettori,
                        )
                    )
                    continue
                comandi.append(
                    InviaComunicazione.caused_by(
                        msg,
                        istanza_id=istanza.id,
                        comunicazione_id=consegna.id,
                        messaggio="provvedimento_al_cliente",
                        canale=r.canale,
                        destinatario=Destinatario(nome=r.nome, **{r.canale: r.indirizzo}),
                        dati=dati.model_copy(update={"cliente": r.nome}),
                        allegati=documenti,
                        lettori=lettori,
                    )
                )
            return comandi

        return await self._cambia(msg, utente, msg.istanza_id, invia)

    async def imposta_avvisi(self, msg: ImpostaAvvisi) -> Avvisi:
        a = msg.attore
        canali = tuple(c for c in TUTTI if c in msg.canali)

        async def work(tx: Transaction) -> Outcome:
            await self.d.avvisi(tx).imposta(a.ordine, a.username, canali)
            return Outcome(reply=Avvisi(canali=list(canali)).model_dump(mode="json"))

        processed = await self.d.consumer.handle(msg, work)
        return Avvisi.model_validate(processed.reply)

    async def leggi_avvisi(self, msg: LeggiAvvisi) -> Avvisi:
        a = msg.attore
        canali = await self.d.store.run(lambda tx: self.d.avvisi(tx).leggi(a.ordine, a.username))
        return Avvisi(canali=list(canali or TUTTI), scelti=canali is not None)

    async def _canali_del_titolare(self, istanza_id: str) -> tuple[CanalePosta, ...] | None:
        async def work(tx: Transaction) -> tuple[CanalePosta, ...] | None:
            istanza = await self.d.istanze(tx).prendi(istanza_id)
            return await self.d.avvisi(tx).leggi(istanza.ordine, istanza.avvocato.username)

        return await self.d.store.run(work)


async def registra_rapporto(d: Dependencies, msg: Rapporto) -> None:
    """A delivery service reported on a message of a case: the delivery it belongs to (if it
    is one of the order's deliveries) moves on, and the timeline says so."""
    e = esito(msg)

    async def work(tx: Transaction) -> Outcome:
        istanze = d.istanze(tx)
        istanza = await istanze.trova(msg.istanza_id)
        if istanza is None:
            return Outcome()
        notificata_il = e.quando.astimezone(ROMA).date() if e.notificata else None
        prova = None
        if e.ricevuta is not None:
            r = e.ricevuta
            prova = Prova(
                id=r.id,
                servizio=r.servizio,
                raccomandata_id=r.raccomandata_id,
                descrizione=e.dettaglio,
                il=e.quando,
            )
        if istanza.aggiorna_consegna(
            msg.comunicazione_id, e.stato, e.quando, e.dettaglio, notificata_il, prova
        ):
            await istanze.salva(istanza)
        return Outcome()

    await d.consumer.handle(msg, work)
