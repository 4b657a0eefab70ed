"""The client of ``revisione``: one message per request, addressed to the service, with the
user's Ordine and correlated by the case; the lawyer's answer to an integration goes to
``istanze``, which owns it; ``in_attesa`` is a conflict."""

from decimal import Decimal
from typing import Any, cast

import pytest

from gateway.bus import GatewayBus, RichiestaRifiutataError
from gateway.errors import STATUS_BY_CODE
from gateway.istanze import IstanzeClient
from gateway.revisione import RevisioneClient
from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.integrazioni import NuovoAllegato, RispondiIntegrazione
from parcelle_contracts.revisione import (
    DecidiPratica,
    DettaglioRevisione,
    FileProvvedimento,
    RichiediIntegrazione,
    VoceDecisa,
)

from .test_acquisizione import RecordingBus

MARCO = Attore(username="consigliere.demo", ruolo="consigliere", ordine="DEMO")
GIULIA = Attore(username="avvocato.demo", ruolo="avvocato", ordine="DEMO")
FILE: dict[str, Any] = {
    "blob": {"area": "revisione", "key": "provvedimenti/i-1/x.pdf", "sha256": "0" * 64, "size": 9},
    "nome_file": "provvedimento.pdf",
    "content_type": "application/pdf",
}


async def test_each_request_is_its_message_correlated_by_the_case() -> None:
    bus = RecordingBus({"ok": False, "errore": {"codice": "in_attesa", "messaggio": "Attendere."}})
    revisione = RevisioneClient(cast(GatewayBus, bus), timeout=3)
    voce = VoceDecisa(fase="studio", importo_liquidato=Decimal("1701.00"), motivazione="Congrua")
    for chiamata in (
        revisione.dettaglio(MARCO, "i-1"),
        revisione.decidi(MARCO, "i-1", esito="liquidata", voci=[voce], note="Nota"),
        revisione.richiedi_integrazione(MARCO, "i-1", "Allegare il verbale.", 10),
    ):
        with pytest.raises(RichiestaRifiutataError):  # what was sent is what counts here
            await chiamata
    bus.risposta = {"ok": True, "dati": FILE}
    ref = await revisione.file_provvedimento(GIULIA, "i-1")
    assert ref.blob.area == "revisione"

    dettaglio, decidi, integrazione, file = bus.inviati
    assert isinstance(dettaglio, DettaglioRevisione)
    assert isinstance(decidi, DecidiPratica)
    assert (decidi.esito, decidi.voci, decidi.note) == ("liquidata", [voce], "Nota")
    assert isinstance(integrazione, RichiediIntegrazione)
    assert (integrazione.testo, integrazione.giorni) == ("Allegare il verbale.", 10)
    assert isinstance(file, FileProvvedimento)
    for message in bus.inviati:
        assert message.ordine == "DEMO"
        assert message.correlation_id == "i-1"
        assert message.routing_key().startswith("revisione.")
    assert STATUS_BY_CODE["in_attesa"] == 409


async def test_the_lawyers_answer_goes_to_istanze() -> None:
    bus = RecordingBus({"ok": False, "errore": {"codice": "stato_non_valido", "messaggio": "No."}})
    istanze = IstanzeClient(cast(GatewayBus, bus), timeout=3)
    blob = BlobRef(area="transfer", key="uploads/x", sha256="0" * 64, size=10)
    allegato = NuovoAllegato(categoria="altro", nome_file="verbale.pdf", file=blob)
    with pytest.raises(RichiestaRifiutataError):
        await istanze.rispondi_integrazione(GIULIA, "i-1", "Ecco il verbale.", [allegato])
    (risposta,) = bus.inviati
    assert isinstance(risposta, RispondiIntegrazione)
    assert (risposta.nota, risposta.allegati, risposta.correlation_id) == (
        "Ecco il verbale.",
        [allegato],
        "i-1",
    )
    assert risposta.routing_key().startswith("istanze.")
