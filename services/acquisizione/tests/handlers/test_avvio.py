"""The notice of start of proceedings: generated once the case is acquired and assigned, kept
in the service's area, and handed to notifiche (PEC) or postale (raccomandata A/R) while the
case shows each delivery as waiting."""

from typing import Any

from acquisizione.bootstrap import unit_of_work
from acquisizione.handlers.comandi import PreparaAvvio
from acquisizione.handlers.ordini import imposta
from parcelle_contracts.acquisizione import DettaglioPratica
from parcelle_contracts.istanze import IstanzaRinunciata

from ..conftest import Servizio
from ..fabbrica import ACQUISITA, IMPOSTAZIONI
from ..finti import AVVOCATO, SEGRETERIA, vista_istanza

AUTOMATICA = IMPOSTAZIONI.model_copy(update={"assegnazione_automatica": True})
SENZA_PEC = {
    "tipo": "persona_fisica",
    "nome": "Mario",
    "cognome": "Rossi",
    "codice_fiscale": "RSSMRA80A01H501U",
    "indirizzo": {"via": "Via Roma 1", "cap": "00184", "comune": "Roma", "provincia": "RM"},
}


async def acquisita_e_assegnata(
    servizio: Servizio, cliente: dict[str, Any] | None = None
) -> PreparaAvvio:
    """A case acquired under the automatic rule; the notice command its acquisition staged."""
    await servizio.configura(AUTOMATICA)
    (codice,) = await servizio.deposita()
    risposta = await servizio.acquisisci(codice)
    servizio.fascicoli.viste[risposta["istanza_id"]] = vista_istanza(
        risposta["istanza_id"], codice, cliente=cliente
    )
    (comando,) = [m for m in await servizio.uscita() if m["routing_key"].endswith("prepara_avvio")]
    comando.pop("routing_key")
    return PreparaAvvio.model_validate(comando)


async def vista(servizio: Servizio, istanza_id: str) -> dict[str, Any]:
    pratica = await servizio.segreteria.dettaglio(
        DettaglioPratica(
            correlation_id="c", ordine="DEMO", attore=SEGRETERIA, istanza_id=istanza_id
        )
    )
    return pratica.model_dump(mode="json")


async def test_a_client_with_pec_and_the_lawyer_get_it_by_pec(servizio: Servizio) -> None:
    comando = await acquisita_e_assegnata(servizio)
    await servizio.avvio.prepara(comando)

    assert servizio.fascicoli.domande == [(comando.istanza_id, comando.attore)]
    pratica = await vista(servizio, comando.istanza_id)
    comunicazioni = pratica["comunicazioni"]
    assert [(c["canale"], c["stato"]) for c in comunicazioni] == [
        ("pec", "in_attesa"),
        ("pec", "in_attesa"),
    ]
    assert comunicazioni[0]["destinatario"] == "Mario Rossi (cliente, controinteressato)"
    assert comunicazioni[1]["destinatario"] == "avv. Giulia Bianchi (richiedente)"
    documento = comunicazioni[0]["documento"]
    assert documento["blob"]["area"] == "acquisizione"
    assert documento["nome_file"] == "avvio-procedimento-2026-000001.pdf"
    assert (await servizio.blobs.get(documento["blob"]["key"])).startswith(b"%PDF-")

    comandi = (await servizio.uscita())[3:]  # after acquired, assigned, prepare
    assert [c["routing_key"] for c in comandi] == ["notifiche.command.invia_comunicazione"] * 2
    cliente, avvocato = comandi
    assert (cliente["canale"], cliente["destinatario"]["pec"]) == (
        "pec",
        "mario.rossi@pec.example.it",
    )
    assert avvocato["destinatario"]["pec"] == "giulia.bianchi@pec.example.it"
    assert cliente["allegati"] == [documento]
    assert cliente["comunicazione_id"] == comunicazioni[0]["id"]
    assert cliente["messaggio"] == "avvio_procedimento"
    assert cliente["dati"]["protocollo"] == "2026/000001"
    assert (cliente["dati"]["giorni"], cliente["dati"]["cliente"]) == (15, "Mario Rossi")
    assert avvocato["dati"]["cliente"] is None
    assert cliente["correlation_id"] == comando.correlation_id


async def test_a_client_without_pec_gets_a_registered_letter(servizio: Servizio) -> None:
    comando = await acquisita_e_assegnata(servizio, cliente=SENZA_PEC)
    await servizio.avvio.prepara(comando)
    comandi = (await servizio.uscita())[3:]
    assert [c["routing_key"] for c in comandi] == [
        "postale.command.invia_raccomandata",
        "notifiche.command.invia_comunicazione",
    ]
    raccomandata = comandi[0]
    assert raccomandata["destinatario"] == {
        "nome": "Mario Rossi",
        "pec": None,
        "email": None,
        "indirizzo": "Via Roma 1\n00184 Roma (RM)",
    }
    assert raccomandata["documento"]["content_type"] == "application/pdf"
    canali = [c["canale"] for c in (await vista(servizio, comando.istanza_id))["comunicazioni"]]
    assert canali == ["raccomandata", "pec"]


async def test_the_notice_names_the_relatore_the_window_and_the_deadline(
    servizio: Servizio,
) -> None:
    comando = await acquisita_e_assegnata(servizio)
    await servizio.avvio.prepara(comando)
    (contesto,) = servizio.documenti.contesti
    assert contesto["relatore"] == "Marco Verdi"
    assert contesto["protocollo"] == "2026/000001"
    assert (contesto["termine_giorni"], contesto["giorni_osservazioni"]) == (60, 15)
    assert str(contesto["scadenza"]) == "2026-05-02"  # 60 days from 3 March
    assert contesto["ordine"]["pec"] == IMPOSTAZIONI.pec
    assert contesto["oggetto"].startswith("Richiesta di parere di congruità sulla parcella")


async def test_a_redelivery_makes_nothing_twice(servizio: Servizio) -> None:
    comando = await acquisita_e_assegnata(servizio)
    await servizio.avvio.prepara(comando)
    uscita = await servizio.uscita()
    await servizio.avvio.prepara(comando)
    assert await servizio.uscita() == uscita
    assert len(servizio.documenti.contesti) == 1
    assert len((await vista(servizio, comando.istanza_id))["comunicazioni"]) == 2


async def test_a_case_withdrawn_before_its_notice_gets_none(servizio: Servizio) -> None:
    comando = await acquisita_e_assegnata(servizio)
    await servizio.ingresso.rinunciata(
        IstanzaRinunciata(
            correlation_id="c",
            ordine="DEMO",
            istanza_id=comando.istanza_id,
            codice="x",
            motivo="Pagato",
            rinunciata_il=ACQUISITA,
            rinunciata_da=AVVOCATO,
        )
    )
    await servizio.avvio.prepara(comando)
    assert servizio.fascicoli.domande == []
    assert (await vista(servizio, comando.istanza_id))["comunicazioni"] == []


async def test_the_notice_prints_the_name_the_ordine_set_last(servizio: Servizio) -> None:
    comando = await acquisita_e_assegnata(servizio)
    nome = "Ordine degli Avvocati di Altrove"
    await servizio.store.run(lambda tx: imposta(unit_of_work(tx), "DEMO", {"nome": nome}))
    await servizio.avvio.prepara(comando)
    (contesto,) = servizio.documenti.contesti
    assert contesto["ordine"]["nome"] == nome
