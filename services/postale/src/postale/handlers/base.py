"""The steps the use cases of `postale` share: the Ordine's settings (the read copy, or the
owner's answer kept as the copy, or the defaults for this request only), a receipt kept
write-once in the service's own area, and the event that announces a step."""

from datetime import datetime

from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.postale import RaccomandataAggiornata
from parcelle_contracts.vocabolario import RICEVUTE_POSTALI, TipoRicevutaPostale
from parcelle_kit.blob.writes import put_once
from parcelle_kit.impostazioni import impostazioni_ordine
from postale.domain.raccomandata import Raccomandata, Ricevuta
from postale.ports import Dependencies


class Handler:
    """Base of the use-case classes: the dependencies, and the shared steps."""

    def __init__(self, d: Dependencies) -> None:
        self.d = d

    async def _impostazioni(self, causa: Message, ordine: str) -> ImpostazioniOrdine:
        return await impostazioni_ordine(
            self.d.store, self.d.impostazioni, self.d.acquisizione, causa, ordine
        )

    async def _conserva(
        self, raccomandata_id: str, tipo: TipoRicevutaPostale, pdf: bytes, il: datetime
    ) -> Ricevuta:
        """The receipt in the service's own area under a key of its own: a repeated step finds
        the first copy and keeps that one (write-once)."""
        ricevuta_id = f"{raccomandata_id}-{tipo}"
        info = await put_once(
            self.d.blobs, f"ricevute/{ricevuta_id}.pdf", pdf, content_type="application/pdf"
        )
        nome = RICEVUTE_POSTALI[tipo].split(" (")[0].lower().replace(" ", "-")
        return Ricevuta(
            id=ricevuta_id,
            tipo=tipo,
            key=info.key,
            sha256=info.sha256,
            size=info.size,
            nome_file=f"{nome}-{raccomandata_id}.pdf",
            il=il,
        )


def annuncio(
    raccomandata: Raccomandata, ricevuta: Ricevuta | None = None, *, primo: bool = False
) -> RaccomandataAggiornata:
    """The event of the mailing's latest step, with the receipt it brought and the mailing's id
    (to ask for the receipt); the first one carries the cost."""
    passo = raccomandata.passi[-1]
    return RaccomandataAggiornata.model_validate(
        {
            "correlation_id": raccomandata.correlation_id,
            "causation_id": raccomandata.id,
            "ordine": raccomandata.ordine,
            "istanza_id": raccomandata.istanza_id,
            "comunicazione_id": raccomandata.comunicazione_id,
            "stato": passo.stato,
            "numero": raccomandata.numero,
            "costo": raccomandata.costo if primo else None,
            "ricevuta_id": ricevuta.id if ricevuta is not None else None,
            "raccomandata_id": raccomandata.id,
            "dettaglio": passo.dettaglio,
            "il": passo.il,
            "simulata": raccomandata.simulata,
        }
    )
