"""The notice of start on its way: the delivery services' reports move each delivery on in the
case and its timeline; the client's delivery announces the date of service (the observations
term runs from it); a late or repeated report changes nothing."""

from datetime import timedelta
from typing import Any

from acquisizione.handlers.consegne import Consegne
from parcelle_contracts.comunicazioni import ComunicazioneSpedita, RicevutaPecRegistrata

from ..conftest import Servizio
from ..fabbrica import ACQUISITA
from .test_avvio import acquisita_e_assegnata, vista


async def test_the_clients_pec_receipt_serves_the_notice(servizio: Servizio) -> None:
    comando = await acquisita_e_assegnata(servizio)
    await servizio.avvio.prepara(comando)
    cliente, avvocato = (await vista(servizio, comando.istanza_id))["comunicazioni"]
    await servizio.uscita()  # what came before
    busta: dict[str, Any] = {
        "correlation_id": "c",
        "ordine": "DEMO",
        "istanza_id": comando.istanza_id,
    }
    consegne = Consegne(servizio.d)
    consegnata = RicevutaPecRegistrata(
        **busta,
        comunicazione_id=cliente["id"],
        ricevuta_id="r1",
        tipo="avvenuta-consegna",
        ricevuta_il=ACQUISITA + timedelta(minutes=5),
        simulata=True,
    )
    await consegne.rapporto(consegnata)
    await consegne.rapporto(consegnata.model_copy(update={"message_id": "di-nuovo"}))
    await consegne.rapporto(
        ComunicazioneSpedita(
            **busta,
            comunicazione_id=avvocato["id"],
            messaggio="avvio_procedimento",
            canale="pec",
            indirizzo="giulia.bianchi@pec.example.it",
            message_id_mail="<m@parcelle>",
            spedita_il=ACQUISITA + timedelta(minutes=4),
        )
    )
    pratica = await vista(servizio, comando.istanza_id)
    assert [c["stato"] for c in pratica["comunicazioni"]] == ["consegnata", "inviata"]
    assert pratica["cronologia"][-1]["descrizione"].endswith(
        "inviata a giulia.bianchi@pec.example.it"
    )
    (notificato,) = [
        m for m in await servizio.uscita() if m["routing_key"].endswith("avvio_notificato")
    ]
    assert notificato["notificato_il"].startswith(
        (ACQUISITA + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    )
