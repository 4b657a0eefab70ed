"""What ``revisione`` reports reaches the case: a request for integration, the signed order,
the signed refusal; each once, with the public status event; and the lawyer's answer to an
integration (a note and documents) brings the case back to the relatore."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from istanze.adapters.archivio import Archivio
from istanze.domain.errori import NonTrovataError, StatoNonValidoError
from istanze.handlers.acquisizione import registra_acquisizione
from istanze.handlers.integrazioni import Integrazioni
from istanze.handlers.revisione import (
    registra_integrazione_richiesta,
    registra_non_liquidabile,
    registra_provvedimento,
)
from parcelle_contracts.integrazioni import NuovoAllegato, RispondiIntegrazione
from parcelle_contracts.revisione import (
    IntegrazioneRichiesta,
    PraticaNonLiquidabile,
    ProvvedimentoEmesso,
)

from ..conftest import Servizio
from ..domain.fabbrica import ORA, depositata
from ..finti import ALTRO_AVVOCATO, AVVOCATO, PDF
from .test_acquisizione import acquisita

SHA = "a" * 64
BUSTA: dict[str, Any] = {"correlation_id": "corr-istanza-1", "ordine": "DEMO"}


def integrazione() -> IntegrazioneRichiesta:
    return IntegrazioneRichiesta(
        **BUSTA,
        istanza_id="istanza-1",
        testo="Depositare la procura",
        giorni=15,
        scadenza=ORA + timedelta(days=17),
        richiesta_il=ORA + timedelta(days=2),
        relatore="consigliere",
    )


async def in_revisione(servizio: Servizio) -> None:
    istanza = depositata()
    await servizio.store.run(lambda tx: Archivio(tx).aggiungi(istanza))
    await registra_acquisizione(servizio.d, acquisita())


async def test_a_request_for_integration_is_told_to_the_lawyer(servizio: Servizio) -> None:
    await in_revisione(servizio)
    evento = integrazione()
    await registra_integrazione_richiesta(servizio.d, evento)
    await registra_integrazione_richiesta(servizio.d, evento)  # redelivered
    istanza = await servizio.caso()
    assert istanza.stato == "integrazione_richiesta"
    assert istanza.integrazione is not None
    assert istanza.integrazione.testo == "Depositare la procura"
    vista = await servizio.istanze.dettaglio(_dettaglio())
    assert vista.azioni[0] == "integra"
    assert vista.integrazione is not None
    stati = [m["stato"] for m in await servizio.uscita() if "stato" in m]
    assert stati == ["acquisita", "integrazione_richiesta"]


def _dettaglio() -> Any:
    from parcelle_contracts.istanze import DettaglioIstanza

    return DettaglioIstanza(**BUSTA, attore=AVVOCATO, istanza_id="istanza-1")


async def test_the_lawyer_answers_with_a_note_and_documents(servizio: Servizio) -> None:
    await in_revisione(servizio)
    await registra_integrazione_richiesta(servizio.d, integrazione())
    file = await servizio.carica(PDF, "upload/procura.pdf")
    risposta = RispondiIntegrazione(
        **BUSTA,
        attore=AVVOCATO,
        istanza_id="istanza-1",
        nota="Allego la procura",
        allegati=[NuovoAllegato(categoria="procura", nome_file="procura.pdf", file=file)],
    )
    with pytest.raises(NonTrovataError):
        await Integrazioni(servizio.d).rispondi(
            risposta.model_copy(update={"attore": ALTRO_AVVOCATO})
        )
    vista = await Integrazioni(servizio.d).rispondi(risposta)
    assert vista.stato == "acquisita"
    assert vista.integrazione is None
    assert vista.allegati[-1].nome_file == "procura.pdf"
    assert await Integrazioni(servizio.d).rispondi(risposta) == vista  # redelivered
    uscita = await servizio.uscita()
    fornite = [m for m in uscita if m["routing_key"] == "istanze.event.integrazione_fornita"]
    assert len(fornite) == 1
    assert fornite[0]["allegati"] == [vista.allegati[-1].id]
    with pytest.raises(StatoNonValidoError):
        await Integrazioni(servizio.d).rispondi(risposta.model_copy(update={"message_id": "altro"}))


async def test_the_signed_order_makes_the_case_provvedimento_emesso(servizio: Servizio) -> None:
    await in_revisione(servizio)
    evento = ProvvedimentoEmesso.model_validate(
        {
            **BUSTA,
            "istanza_id": "istanza-1",
            "sha256": SHA,
            "totali": {
                "compenso": "7616.00",
                "spese_generali": "1142.40",
                "cpa": "350.34",
                "iva": "2003.92",
                "spese": "0.00",
                "totale": "11112.66",
            },
            "diritti": "228.48",
            "emesso_il": ORA + timedelta(days=5),
        }
    )
    await registra_provvedimento(servizio.d, evento)
    await registra_provvedimento(servizio.d, evento.model_copy(update={"message_id": "di-nuovo"}))
    istanza = await servizio.caso()
    assert (istanza.stato, istanza.provvedimento_sha256) == ("provvedimento_emesso", SHA)
    vista = await servizio.istanze.dettaglio(_dettaglio())
    assert (vista.provvedimento, vista.diritti) == (True, Decimal("228.48"))
    stati = [m["stato"] for m in await servizio.uscita() if "stato" in m]
    assert stati == ["acquisita", "provvedimento_emesso"]


async def test_a_refusal_makes_the_case_non_liquidabile(servizio: Servizio) -> None:
    await in_revisione(servizio)
    await registra_non_liquidabile(
        servizio.d,
        PraticaNonLiquidabile(
            **BUSTA,
            istanza_id="istanza-1",
            sha256=SHA,
            motivi="Mandato in corso",
            diritti=Decimal("0.00"),
            emesso_il=ORA + timedelta(days=5),
        ),
    )
    istanza = await servizio.caso()
    assert istanza.stato == "non_liquidabile"
    assert istanza.cronologia[-1].descrizione == "Compenso non liquidabile: Mandato in corso"
