"""The application PDF, its signature and the deposit: the use cases that ask `firma` and
render documents before the transaction that records them (the aggregate's rules are checked
again inside it, where they are authoritative)."""

import copy
from collections.abc import Sequence
from datetime import datetime

from istanze import views
from istanze.domain.deposito import Ricevuta
from istanze.domain.errori import DocumentoNonAggiornatoError, IncompletaError
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Utente
from istanze.domain.regole import RegoleOrdine
from istanze.handlers.avvisi import all_avvocato
from istanze.handlers.base import (
    Handler,
    NonDisponibileError,
    rifiuta_campi_errati,
    stato_cambiato,
)
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.firma import Originale
from parcelle_kit.blob.writes import delete_quietly, one_chunk


class Deposito(Handler):
    """Document to sign, demo signature, signed file, deposit."""

    async def prepara_documento(self, msg: contratti.PreparaDocumento) -> FileRef:
        """The application PDF to sign, of the current data."""
        return await self._documento(msg, views.utente(msg.attore), msg.istanza_id)

    async def firma_demo(self, msg: contratti.FirmaDemoIstanza) -> contratti.Istanza:
        """Sign the application PDF with the demo certificate and keep it (development)."""
        if not self.d.firma_demo:
            raise NonDisponibileError("La firma con il certificato demo non è disponibile")
        gia = await self._risposta_data(msg, passo="firmato")
        if gia is not None:
            return gia
        utente = views.utente(msg.attore)
        documento = await self._documento(msg, utente, msg.istanza_id)
        firmato = await self.d.firme.firma_demo(msg, documento.blob)
        return await self._proponi(msg, utente, msg.istanza_id, firmato)

    async def deposita(self, msg: contratti.DepositaIstanza) -> contratti.Istanza:
        """Deposit the draft (with the signed file, if it comes with the request), issuing the
        receipt; a second deposit of the same case answers with the first."""
        gia = await self._risposta_data(msg)
        if gia is not None:
            return gia
        utente = views.utente(msg.attore)
        istanza, regole = await self._leggi(msg, msg.istanza_id)
        istanza.verifica_titolare(utente)
        if istanza.deposito is None and msg.firmato is not None:
            await self._proponi(msg, utente, msg.istanza_id, msg.firmato)
            istanza, regole = await self._leggi(msg, msg.istanza_id)
        if istanza.deposito is not None:  # deposited already (a double click, a retry)
            return views.vista(istanza, regole, utente)
        ora = self.d.ora()
        ricevuta = await self._ricevuta(msg, utente, istanza, regole, ora)
        canali = await self.d.store.run(
            lambda tx: self.d.avvisi(tx).leggi(istanza.ordine, utente.username)
        )
        nostro: list[bool] = []

        def deposita(istanza: Istanza, regole: RegoleOrdine) -> Sequence[Message]:
            nostro.clear()  # a transaction may run more than once
            if istanza.deposito is not None:
                return ()
            nostro.append(True)
            precedente = istanza.stato
            deposito = istanza.deposita(ora, regole, ricevuta, chi=utente)
            return (
                contratti.IstanzaDepositata.caused_by(
                    msg,
                    istanza_id=istanza.id,
                    codice=istanza.codice,
                    avvocato=msg.attore,
                    cliente=istanza.nome_cliente(),
                    importo_richiesto=istanza.importo_richiesto(),
                    firma=deposito.firma.tipo,
                    depositata_il=deposito.depositata_il,
                ),
                stato_cambiato(msg, istanza, precedente),
                *all_avvocato(
                    msg,
                    istanza,
                    "ricevuta_deposito",
                    canali,
                    allegati=[views.file_di(istanza, self.d.area, "ricevuta")],
                ),
            )

        vista = await self._cambia(msg, utente, msg.istanza_id, deposita, annulla=ricevuta.blob_key)
        if not nostro:
            # Another request deposited first (or this one is a redelivery): the receipt of
            # the deposit that happened is the one; ours was never recorded.
            await delete_quietly(self.d.blobs, ricevuta.blob_key)
        return vista

    async def _documento(self, msg: Message, utente: Utente, istanza_id: str) -> FileRef:
        """The application PDF of the current data, generated and recorded if needed."""
        istanza, regole = await self._leggi(msg, istanza_id)
        istanza.verifica_titolare(utente)
        if not istanza.documento_pronto:
            rifiuta_campi_errati(istanza)
            mancanti = istanza.mancanti(regole)
            if mancanti:
                raise IncompletaError(mancanti)
            fingerprint = istanza.fingerprint()
            ora = self.d.ora()
            pdf = await self.d.documenti.istanza(
                views.vista(istanza, regole, utente),
                ordine_nome=await self._nome_ordine(msg, istanza.ordine),
                generata_il=ora,
                firma_autografa=not regole.firma_digitale_obbligatoria,
            )
            key = f"documenti/{istanza.id}/{msg.message_id}.pdf"
            info = await self.d.blobs.put(
                key, one_chunk(pdf), max_size=len(pdf), content_type="application/pdf"
            )

            def registra(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
                if not istanza.documento_pronto:  # else a concurrent request got there first
                    istanza.registra_documento(
                        blob_key=key,
                        sha256=info.sha256,
                        dimensione=info.size,
                        fingerprint=fingerprint,
                        ora=ora,
                    )
                return ()

            await self._cambia(msg, utente, istanza_id, registra, annulla=key, passo="documento")
            istanza, _ = await self._leggi(msg, istanza_id)
            if istanza.documento is not None and istanza.documento.blob_key != key:
                await delete_quietly(self.d.blobs, key)
        return views.file_di(istanza, self.d.area, "documento")

    async def _proponi(
        self, msg: Message, utente: Utente, istanza_id: str, firmato: BlobRef
    ) -> contratti.Istanza:
        """Verify a signed file with ``firma`` and keep it for the deposit."""
        istanza, _ = await self._leggi(msg, istanza_id)
        istanza.verifica_titolare(utente)
        documento = istanza.documento
        if documento is None or not istanza.documento_pronto:
            raise DocumentoNonAggiornatoError(
                "Il PDF firmato non corrisponde ai dati attuali dell'istanza: scarica di "
                "nuovo il PDF da firmare, firmalo e caricalo"
            )
        esito = await self.d.firme.verifica(
            msg,
            firmato,
            Originale(sha256=documento.sha256, size=documento.dimensione),
            istanza.avvocato.codice_fiscale or "",
        )
        firma = views.firma_da_verifica(esito, documento.sha256)
        key = f"firmati/{istanza.id}/{firmato.sha256}"
        content_type = "application/pdf" if firma.tipo == "pades" else "application/pkcs7-mime"
        await self._prendi(firmato, key, content_type)
        ora = self.d.ora()

        def proponi(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
            istanza.proponi_firmato(
                blob_key=key,
                sha256=firmato.sha256,
                dimensione=firmato.size,
                firma=firma,
                ora=ora,
                chi=utente,
            )
            return ()

        return await self._cambia(msg, utente, istanza_id, proponi, passo="firmato")

    async def _ricevuta(
        self,
        msg: contratti.DepositaIstanza,
        utente: Utente,
        istanza: Istanza,
        regole: RegoleOrdine,
        ora: datetime,
    ) -> Ricevuta:
        """Render and store the receipt of a deposit at ``ora`` (raising what would stop it)."""
        depositata = copy.deepcopy(istanza)
        depositata.deposita(ora, regole, chi=utente)
        stampato = None
        if depositata.firmato is not None and depositata.firmato.firma.tipo != "autografa":
            stampato = views.file_di(depositata, self.d.area, "firmato")
            if msg.nome_file:
                stampato = stampato.model_copy(update={"nome_file": msg.nome_file})
        pdf = await self.d.documenti.ricevuta(
            views.vista(depositata, regole, utente),
            ordine_nome=await self._nome_ordine(msg, istanza.ordine),
            depositata_il=ora,
            generata_il=ora,
            file_firmato=stampato,
        )
        # Never another attempt's key: a concurrent deposit's or an earlier delivery's receipt
        # may lie there (the write-once store refuses to overwrite it).
        quando = ora.strftime("%Y%m%dT%H%M%S%f")
        key = f"ricevute/{istanza.id}/{msg.message_id}-{quando}.pdf"
        info = await self.d.blobs.put(
            key, one_chunk(pdf), max_size=len(pdf), content_type="application/pdf"
        )
        return Ricevuta(blob_key=key, sha256=info.sha256, dimensione=info.size)
