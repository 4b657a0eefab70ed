"""Contracts <-> domain mapping of `notifiche`: the delivery record as the events and the
secretariat's list show it, and the data a template reads."""

from datetime import datetime
from typing import Any

from notifiche.domain.invio import Invio
from parcelle_contracts.comunicazioni import (
    ComunicazioneNonRecapitata,
    ComunicazioneSpedita,
    InviaComunicazione,
    InvioNonRecapitato,
)
from parcelle_contracts.ordini import ImpostazioniOrdine


def spedita(msg: InviaComunicazione, invio: Invio) -> ComunicazioneSpedita:
    assert invio.spedito_il is not None  # set when sent
    assert invio.indirizzo is not None
    return ComunicazioneSpedita.caused_by(
        msg,
        istanza_id=invio.istanza_id,
        comunicazione_id=invio.comunicazione_id,
        messaggio=invio.messaggio,
        canale=invio.canale,
        indirizzo=invio.indirizzo,
        message_id_mail=invio.message_id_mail,
        spedita_il=invio.spedito_il,
    )


def non_recapitata(msg: InviaComunicazione, invio: Invio) -> ComunicazioneNonRecapitata:
    return ComunicazioneNonRecapitata.caused_by(
        msg,
        istanza_id=invio.istanza_id,
        comunicazione_id=invio.comunicazione_id,
        messaggio=invio.messaggio,
        canale=invio.canale,
        indirizzo=invio.indirizzo,
        motivo=invio.motivo or "",
        il=invio.aggiornato_il,
    )


def non_recapitato(invio: Invio) -> InvioNonRecapitato:
    return InvioNonRecapitato(
        istanza_id=invio.istanza_id,
        comunicazione_id=invio.comunicazione_id,
        messaggio=invio.messaggio,
        canale=invio.canale,
        destinatario=invio.destinatario,
        indirizzo=invio.indirizzo,
        oggetto=invio.oggetto,
        protocollo=invio.protocollo,
        motivo=invio.motivo or "",
        il=invio.aggiornato_il,
    )


def contesto(
    msg: InviaComunicazione,
    impostazioni: ImpostazioniOrdine,
    *,
    collegamenti: list[tuple[str, str]],
    link_scade_il: datetime | None,
    allegati: list[str],
) -> dict[str, Any]:
    """What a template may print: the command's data, the recipient, the Ordine, the documents
    attached (their names) or linked (name and URL, until ``link_scade_il``)."""
    nome = impostazioni.nome_esteso()
    return {
        "messaggio": msg.messaggio,
        "canale": msg.canale,
        "dati": msg.dati,
        "destinatario": msg.destinatario.nome,
        "ordine": {"nome": nome, "indirizzo": impostazioni.indirizzo, "pec": impostazioni.pec},
        "allegati": allegati,
        "collegamenti": collegamenti,
        "link_scade_il": link_scade_il or msg.dati.link_scade_il,
    }
