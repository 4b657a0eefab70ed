"""The client of ``acquisizione``: one message per request, addressed to the service, with the
user's Ordine, correlated by the case when the case is known; refusals become
RichiestaRifiutataError."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from pydantic import TypeAdapter

from gateway.acquisizione import AcquisizioneClient
from gateway.bus import GatewayBus, RichiestaRifiutataError
from parcelle_contracts.acquisizione import (
    AcquisisciPratica,
    AggiungiOsservazioni,
    AssegnaRelatore,
    DettaglioPratica,
    ElencoInAttesa,
    ElencoScadenze,
    Pratica,
)
from parcelle_contracts.common import Attore, BlobRef, Errore, Esito
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine, LeggiImpostazioniOrdine

SARA = Attore(username="segreteria.demo", ruolo="segreteria", ordine="DEMO")
PRATICA: dict[str, Any] = {
    "istanza_id": "i-1",
    "codice": "DEMO-26-00000001-ABCD",
    "ordine": "DEMO",
    "stato": "acquisita",
    "avvocato": "Giulia Bianchi",
    "cliente": None,
    "importo_richiesto": "7616.00",
    "firma": "pades",
    "depositata_il": "2026-03-01T10:00:00Z",
    "protocollo": "2026/000001",
    "acquisita_il": "2026-03-02T10:00:00Z",
    "originale_ricevuto": False,
    "relatore": None,
    "assegnazioni": [],
    "scadenza": None,
    "giorni_osservazioni": 10,
    "comunicazioni": [],
    "osservazioni": [],
    "cronologia": [],
}


@dataclass
class RecordingBus:
    """Answers every request with ``risposta`` (JSON, as the wire carries it)."""

    risposta: dict[str, Any]
    inviati: list[Message] = field(default_factory=list)

    async def ask(self, message: Message, dati_type: type[Any], *, timeout: float) -> Esito[Any]:
        self.inviati.append(message)
        return TypeAdapter(Esito[dati_type]).validate_python(self.risposta)  # type: ignore[valid-type]


def client(risposta: dict[str, Any]) -> tuple[AcquisizioneClient, RecordingBus]:
    bus = RecordingBus(risposta)
    return AcquisizioneClient(cast(GatewayBus, bus), timeout=3), bus


async def test_each_request_is_its_message_with_the_users_ordine() -> None:
    acquisizione, bus = client({"ok": True, "dati": PRATICA})
    letto_il = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
    pratica = await acquisizione.acquisisci(
        SARA, "DEMO-26-00000001-ABCD", origine="scanner", letto_il=letto_il
    )
    assert isinstance(pratica, Pratica)
    await acquisizione.assegna(SARA, "i-1", "consigliere.demo", "Motivo")
    blob = BlobRef(area="transfer", key="uploads/x", sha256="0" * 64, size=10)
    await acquisizione.aggiungi_osservazioni(SARA, "i-1", blob, "oss.pdf")
    await acquisizione.dettaglio(SARA, "i-1")

    acquisisci, assegna, osservazioni, dettaglio = bus.inviati
    assert isinstance(acquisisci, AcquisisciPratica)
    assert (acquisisci.letto_il, acquisisci.origine) == (letto_il, "scanner")
    assert acquisisci.correlation_id != "i-1"  # the case is not known yet: a new correlation
    assert isinstance(assegna, AssegnaRelatore)
    assert (assegna.relatore, assegna.motivo) == ("consigliere.demo", "Motivo")
    assert isinstance(osservazioni, AggiungiOsservazioni)
    assert osservazioni.file == blob
    assert isinstance(dettaglio, DettaglioPratica)
    for message in bus.inviati:
        assert message.ordine == "DEMO"
        assert message.routing_key().startswith("acquisizione.")
        assert message.attore == SARA  # type: ignore[attr-defined]
    for message in (assegna, osservazioni, dettaglio):
        assert message.correlation_id == "i-1"


async def test_lists_are_read_into_their_models() -> None:
    elenco: dict[str, Any] = {"items": [], "next": "c2"}
    acquisizione, bus = client({"ok": True, "dati": elenco})
    pagina = await acquisizione.in_attesa(
        SARA, cerca="rossi", firma="autografa", limit=10, cursor="c1"
    )
    assert (pagina.items, pagina.next) == ([], "c2")
    (domanda,) = bus.inviati
    assert isinstance(domanda, ElencoInAttesa)
    assert (domanda.cerca, domanda.firma, domanda.limit, domanda.cursor) == (
        "rossi",
        "autografa",
        10,
        "c1",
    )

    acquisizione, bus = client({"ok": True, "dati": {"items": [PRATICA, PRATICA], "next": None}})
    pratiche = await acquisizione.scadenze(SARA, giorni=5)
    assert [p.protocollo for p in pratiche.items] == ["2026/000001", "2026/000001"]
    assert all(isinstance(p, Pratica) for p in pratiche.items)
    (domanda,) = bus.inviati
    assert isinstance(domanda, ElencoScadenze)
    assert domanda.giorni == 5


async def test_a_refusal_keeps_the_services_code_and_message() -> None:
    errore: dict[str, Any] = {
        "codice": "codice_altro_ordine",
        "messaggio": "Di un altro Ordine.",
        "campi": {},
    }
    acquisizione, _ = client({"ok": False, "errore": errore})
    with pytest.raises(RichiestaRifiutataError) as rifiuto:
        await acquisizione.acquisisci(SARA, "ALTRO-26-00000001-ABCD", origine="api")
    assert rifiuto.value.errore == Errore.model_validate(errore)


async def test_the_ordines_settings_are_asked_of_their_owner() -> None:
    impostazioni = {"codice": "DEMO", "versione": 3, "nome": "Ordine degli Avvocati di Demo"}
    acquisizione, bus = client({"ok": True, "dati": impostazioni})
    letto = await acquisizione.impostazioni("DEMO")
    assert letto == ImpostazioniOrdine.model_validate(impostazioni)
    (domanda,) = bus.inviati
    assert isinstance(domanda, LeggiImpostazioniOrdine)
    assert (domanda.ordine, domanda.routing_key()) == (
        "DEMO",
        "acquisizione.query.leggi_impostazioni_ordine",
    )
