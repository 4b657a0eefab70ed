"""The intake of PEC receipts: one path for every source (the Ordine's mailbox over IMAP, a
provider pushing to the API, the development simulator).

Raw bytes -> the provider's signature verified (only what it covers is read) -> the receipt
read from its ``daticert.xml`` -> matched to the sent message by the Message-ID it quotes ->
the raw receipt kept write-once (by its SHA-256) in ``notifiche``'s area -> recorded, once per
receipt however often it arrives, with ``RicevutaPecRegistrata`` staged in the same
transaction. A refused receipt is logged and kept nowhere."""

import hashlib
from typing import Literal

from notifiche.domain.errori import (
    InvioNonTrovatoError,
    NonTrovataError,
    RicevutaRifiutataError,
)
from notifiche.domain.invio import Invio
from notifiche.domain.ricevute import RicevutaRegistrata, leggi_ricevuta
from notifiche.ports import RicevuteDependencies
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.comunicazioni import (
    FileRicevutaPec,
    RegistraRicevutaPec,
    RicevutaPecAccolta,
    RicevutaPecRegistrata,
)
from parcelle_contracts.ids import new_id
from parcelle_kit.blob.writes import put_once
from parcelle_kit.logging import get_logger
from parcelle_kit.outbox import stage
from parcelle_kit.store.ports import DuplicateKeyError, Transaction

Fonte = Literal["imap", "api", "simulatore"]
CONTENT_TYPE = "message/rfc822"
logger = get_logger(__name__)


class Ricevute:
    """The receipts' use cases over the dependencies ``d``."""

    def __init__(self, d: RicevuteDependencies) -> None:
        self.d = d

    async def accogli(
        self, grezza: bytes, *, fonte: Fonte, ordine: str | None = None
    ) -> RicevutaPecAccolta:
        """Take in one raw receipt. ``ordine``: the Ordine it must belong to (its mailbox or
        its provider's key). Raises ``RicevutaRifiutataError`` (signature, format: never
        counts) or ``InvioNonTrovatoError`` (no such message sent: perhaps not recorded
        yet)."""
        try:
            contenuto = await self.d.firma.verifica(grezza)
            ricevuta = leggi_ricevuta(contenuto)
        except RicevutaRifiutataError as errore:
            logger.warning(
                "PEC receipt refused", source=fonte, code=errore.codice, reason=errore.motivo
            )
            raise
        gia = await self.d.store.run(lambda tx: self.d.ricevute(tx).per_chiave(ricevuta.chiave))
        if gia is not None:
            return _accolta(gia, duplicata=True)
        invio = await self.d.store.run(lambda tx: self.d.invii(tx).per_message_id(ricevuta.msgid))
        if invio is None or (ordine is not None and invio.ordine != ordine):
            logger.info("PEC receipt matches no sent message", source=fonte, msgid=ricevuta.msgid)
            raise InvioNonTrovatoError(ricevuta.msgid)
        sha256 = hashlib.sha256(grezza).hexdigest()
        chiave_blob = f"ricevute-pec/{sha256}.eml"
        info = await put_once(self.d.blobs, chiave_blob, grezza, content_type=CONTENT_TYPE)
        registrata = RicevutaRegistrata(
            ricevuta_id=new_id(),
            chiave=ricevuta.chiave,
            tipo=ricevuta.tipo,
            ordine=invio.ordine,
            istanza_id=invio.istanza_id,
            comunicazione_id=invio.comunicazione_id,
            message_id_mail=invio.message_id_mail,
            destinatario=ricevuta.consegna or invio.indirizzo or None,
            ricevuta_il=ricevuta.data,
            gestore=ricevuta.gestore,
            identificativo=ricevuta.identificativo,
            errore=ricevuta.errore,
            errore_esteso=ricevuta.errore_esteso,
            simulata=ricevuta.simulata,
            fonte=fonte,
            blob_key=chiave_blob,
            sha256=info.sha256,
            size=info.size,
            registrata_il=self.d.ora(),
        )

        async def registra(tx: Transaction) -> RicevutaPecAccolta:
            gia = await self.d.ricevute(tx).per_chiave(ricevuta.chiave)
            if gia is not None:
                return _accolta(gia, duplicata=True)
            await self.d.ricevute(tx).registra(registrata)
            await stage(tx, [_evento(registrata, invio)])
            return _accolta(registrata, duplicata=False)

        try:
            accolta = await self.d.store.run(registra)
        except DuplicateKeyError:  # the same receipt, from two sources at once
            gia = await self.d.store.run(lambda tx: self.d.ricevute(tx).per_chiave(ricevuta.chiave))
            if gia is None:
                raise
            return _accolta(gia, duplicata=True)
        if not accolta.duplicata:
            self.d.sveglia()
            logger.info(
                "PEC receipt kept as proof",
                source=fonte,
                kind=ricevuta.tipo,
                istanza_id=invio.istanza_id,
                simulated=ricevuta.simulata,
            )
        return accolta

    async def registra(self, message: RegistraRicevutaPec) -> RicevutaPecAccolta:
        """A receipt a provider pushed (its bytes in the transfer area), for its Ordine."""
        grezza = await self.d.transfer.get(message.ricevuta.key)
        if hashlib.sha256(grezza).hexdigest() != message.ricevuta.sha256:
            raise RicevutaRifiutataError("il file ricevuto non corrisponde a quello trasmesso")
        try:
            return await self.accogli(grezza, fonte="api", ordine=message.ordine)
        finally:
            await self.d.transfer.delete(message.ricevuta.key)

    async def file(self, message: FileRicevutaPec) -> FileRef:
        """Where a kept receipt lies, for the secretariat of its Ordine and the lawyers of that
        Ordine its delivery names as readers (``lettori``). To anyone else it does not exist:
        the same refusal as an unknown receipt."""
        attore = message.attore

        async def leggi(tx: Transaction) -> RicevutaRegistrata | None:
            ricevuta = await self.d.ricevute(tx).leggi(message.ricevuta_id)
            if ricevuta is None or ricevuta.ordine != attore.ordine:
                return None
            if attore.ruolo == "segreteria":
                return ricevuta
            if attore.ruolo != "avvocato":
                return None
            invio = await self.d.invii(tx).per_message_id(ricevuta.message_id_mail)
            if invio is None or invio.ordine != ricevuta.ordine:
                return None
            return ricevuta if attore.username in invio.lettori else None

        ricevuta = await self.d.store.run(leggi)
        if ricevuta is None:
            raise NonTrovataError()
        return FileRef(
            blob=BlobRef(
                area=self.d.area, key=ricevuta.blob_key, sha256=ricevuta.sha256, size=ricevuta.size
            ),
            nome_file=f"ricevuta-pec-{ricevuta.tipo}-{ricevuta.ricevuta_id}.eml",
            content_type=CONTENT_TYPE,
        )


def _accolta(ricevuta: RicevutaRegistrata, *, duplicata: bool) -> RicevutaPecAccolta:
    return RicevutaPecAccolta(
        ricevuta_id=ricevuta.ricevuta_id,
        tipo=ricevuta.tipo,
        istanza_id=ricevuta.istanza_id,
        comunicazione_id=ricevuta.comunicazione_id,
        duplicata=duplicata,
        simulata=ricevuta.simulata,
    )


def _errore(ricevuta: RicevutaRegistrata) -> str | None:
    if ricevuta.errore == "nessuno" and ricevuta.errore_esteso is None:
        return None
    return " - ".join(p for p in (ricevuta.errore, ricevuta.errore_esteso) if p)


def _evento(ricevuta: RicevutaRegistrata, invio: Invio) -> RicevutaPecRegistrata:
    return RicevutaPecRegistrata(
        correlation_id=invio.correlation_id or invio.istanza_id,
        ordine=invio.ordine,
        istanza_id=ricevuta.istanza_id,
        comunicazione_id=ricevuta.comunicazione_id,
        ricevuta_id=ricevuta.ricevuta_id,
        tipo=ricevuta.tipo,
        destinatario=ricevuta.destinatario,
        ricevuta_il=ricevuta.ricevuta_il,
        simulata=ricevuta.simulata,
        errore=_errore(ricevuta),
    )
