"""Between the contracts and the domain of `postale`: the Ordine's price table, what a new
mailing is made of, the cover letter's content, and a mailing as the secretariat sees it.
Field-for-field copies are left to pydantic and :mod:`parcelle_kit.store.codec`."""

from datetime import datetime
from typing import Any

from parcelle_contracts import postale as contratti
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.ordini import ImpostazioniOrdine, TariffePostali
from parcelle_kit.store.codec import decode, encode
from postale.domain.raccomandata import Raccomandata, Ricevuta, Tariffe
from postale.ports import Lettera


def tariffe(tariffe_postali: TariffePostali) -> Tariffe:
    return decode(Tariffe, tariffe_postali.model_dump(mode="json"), "tariffe_postali")


def dati_nuova(msg: contratti.InviaRaccomandata, *, simulata: bool) -> dict[str, Any]:
    """The fields of a new mailing that come from its command (each reader once)."""
    return {
        "id": msg.message_id,
        "istanza_id": msg.istanza_id,
        "comunicazione_id": msg.comunicazione_id,
        "ordine": msg.ordine,
        "correlation_id": msg.correlation_id,
        "messaggio": msg.messaggio,
        "nome": msg.destinatario.nome,
        "indirizzo": (msg.destinatario.indirizzo or "").strip(),
        "simulata": simulata,
        "lettori": tuple(dict.fromkeys(msg.lettori)),
    }


def mittente(impostazioni: ImpostazioniOrdine) -> str:
    return "\n".join(p for p in (impostazioni.nome_esteso(), impostazioni.indirizzo) if p)


def lettera(
    msg: contratti.InviaRaccomandata,
    impostazioni: ImpostazioniOrdine,
    ora: datetime,
    simulatore: str | None = None,
) -> Lettera:
    return Lettera(
        ordine=impostazioni.nome_esteso(),
        ordine_indirizzo=impostazioni.indirizzo,
        ordine_pec=impostazioni.pec,
        nome=msg.destinatario.nome,
        indirizzo=(msg.destinatario.indirizzo or "").strip(),
        messaggio=msg.messaggio,
        allegati=tuple(f.nome_file for f in (msg.documento, *msg.altri_documenti)),
        il=ora,
        simulatore=simulatore,
    )


def file_ricevuta(ricevuta: Ricevuta, area: str) -> FileRef:
    return FileRef(
        blob=BlobRef(area=area, key=ricevuta.key, sha256=ricevuta.sha256, size=ricevuta.size),
        nome_file=ricevuta.nome_file,
        content_type="application/pdf",
    )


def vista(raccomandata: Raccomandata, area: str) -> contratti.Raccomandata:
    """The mailing as the secretariat sees it."""
    return contratti.Raccomandata.model_validate(
        {
            "id": raccomandata.id,
            "istanza_id": raccomandata.istanza_id,
            "comunicazione_id": raccomandata.comunicazione_id,
            "ordine": raccomandata.ordine,
            "messaggio": raccomandata.messaggio,
            "destinatario": {"nome": raccomandata.nome, "indirizzo": raccomandata.indirizzo},
            "stato": raccomandata.stato,
            "numero": raccomandata.numero,
            "fogli": raccomandata.plico.fogli if raccomandata.plico else 0,
            "costo": raccomandata.costo,
            "simulata": raccomandata.simulata,
            "creata_il": raccomandata.creata_il,
            "aggiornata_il": raccomandata.aggiornata_il,
            "passi": encode(raccomandata.passi),
            "ricevute": [
                {
                    "id": r.id,
                    "tipo": r.tipo,
                    "file": file_ricevuta(r, area),
                    "il": r.il,
                    "simulata": raccomandata.simulata,
                }
                for r in raccomandata.ricevute
            ],
        }
    )
