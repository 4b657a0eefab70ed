"""The signing step of a decision: render the order from the application as decided, leave it
in the transfer area, have ``firma`` sign it (request/reply), take the signed file into the
service's own area with its SHA-256 and announce the outcome.

It runs on :class:`~parcelle_contracts.revisione.FirmaProvvedimento`, which the decision
staged in its own transaction: a crash anywhere here leaves the command in its queue, and a
peer that does not answer in time is a passing failure, retried later with backoff. Every
step is idempotent: the transfer key and ``firma``'s message id derive from the command's id
(``firma`` signs once per id), the claim takes a copy left by an earlier attempt, and the
final change runs through the idempotent consumer (the review signed once, the events once)."""

from parcelle_contracts.common import TRANSFER_AREA, BlobRef, FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.revisione import (
    FirmaProvvedimento,
    PraticaNonLiquidabile,
    ProvvedimentoEmesso,
)
from parcelle_kit.blob.transfer import claim
from parcelle_kit.blob.writes import put_once
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.codec import encode
from parcelle_kit.store.ports import Transaction
from revisione.domain.revisione import Provvedimento, Revisione
from revisione.handlers.base import Handler

logger = get_logger(__name__)
MOTIVI = {
    "liquidata": "Provvedimento di liquidazione del compenso",
    "non_liquidabile": "Decisione di non liquidabilità del compenso",
}


class Firma(Handler):
    async def firma_provvedimento(self, msg: FirmaProvvedimento) -> None:
        revisione = await self._revisione(msg.istanza_id)
        decisione = revisione.decisione
        if revisione.stato != "in_firma" or decisione is None:
            logger.info("order already signed (or nothing to sign)", istanza=msg.istanza_id)
            return
        istanza = await self.d.store.run(lambda tx: self.d.fascicoli(tx).leggi(msg.istanza_id))
        if istanza is None:
            raise RuntimeError(f"decided case {msg.istanza_id} without its application copy")
        impostazioni = await self._impostazioni(msg, revisione.ordine)
        pdf = await self.d.documenti.provvedimento(revisione, istanza, impostazioni)
        chiave = f"revisione/{msg.message_id}.pdf"
        # An earlier attempt's copy is taken as it is: firma knows that one by this id.
        info = await put_once(self.d.transfer, chiave, pdf, content_type="application/pdf")
        documento = BlobRef(area=TRANSFER_AREA, key=chiave, sha256=info.sha256, size=info.size)
        apposta = await self.d.firme.firma(
            msg,
            f"{msg.message_id}-firma",
            documento,
            firmatario=decisione.relatore_nome,
            motivo=MOTIVI[decisione.esito],
        )
        nome_file = f"provvedimento-{istanza.codice}.pdf"
        # Named by its fingerprint: should a crash after this copy make firma sign again (a
        # new file), the new one gets its own key and the first is never overwritten.
        mio = f"provvedimenti/{msg.istanza_id}/{apposta.documento.sha256}.pdf"
        firmato = await claim(
            self.d.transfer, apposta.documento, self.d.blobs, mio, content_type="application/pdf"
        )
        provvedimento = Provvedimento(
            key=mio,
            sha256=firmato.sha256,
            size=firmato.size,
            nome_file=nome_file,
            certificato=apposta.certificato,
            firmato_il=self.d.ora(),
        )

        async def work(tx: Transaction) -> Outcome:
            revisioni = self.d.revisioni(tx)
            corrente = await revisioni.prendi(msg.istanza_id)
            if not corrente.firmato(provvedimento):
                return Outcome()
            await revisioni.salva(corrente)
            return Outcome(events=[annuncio(msg, corrente, self.d.area)])

        await self.d.consumer.handle(msg, work)
        await self._pulisci(chiave)

    async def _pulisci(self, chiave: str) -> None:
        try:
            await self.d.transfer.delete(chiave)
        except Exception:  # the transfer area's own expiry removes what is left
            logger.warning("unsigned order left in the transfer area", key=chiave)


def annuncio(msg: FirmaProvvedimento, revisione: Revisione, area: str) -> Message:
    """The event that tells the others the signed outcome, with the signed document as a claim
    check in the service's ``area`` (for the mails that carry it)."""
    decisione, provvedimento = revisione.decisione, revisione.provvedimento
    assert decisione is not None
    assert provvedimento is not None
    blob = BlobRef(
        area=area, key=provvedimento.key, sha256=provvedimento.sha256, size=provvedimento.size
    )
    comuni: dict[str, object] = {
        "documento": FileRef(
            blob=blob, nome_file=provvedimento.nome_file, content_type="application/pdf"
        ),
        "correlation_id": revisione.correlation_id,
        "istanza_id": revisione.istanza_id,
        "sha256": provvedimento.sha256,
        "diritti": decisione.diritti,
        "emesso_il": provvedimento.firmato_il,
    }
    if decisione.esito == "liquidata" and decisione.totali is not None:
        return ProvvedimentoEmesso.caused_by(msg, totali=encode(decisione.totali), **comuni)
    return PraticaNonLiquidabile.caused_by(msg, motivi=decisione.motivi or "", **comuni)
