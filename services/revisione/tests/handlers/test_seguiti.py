"""What revisione learns from the others: the acquisition and the assignment in either order,
a reassignment (the current relatore decides, the previous one no longer sees the case), the
lawyer's answer to an integration, the Ordine's settings (the newest kept)."""

from typing import Any

import pytest

from parcelle_contracts.acquisizione import (
    OsservazioniAggiunte,
    PraticaAcquisita,
    RelatoreAssegnato,
)
from parcelle_contracts.common import Attore
from parcelle_contracts.integrazioni import IntegrazioneFornita
from parcelle_contracts.istanze import IstanzaRinunciata
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_contracts.revisione import DettaglioRevisione, RichiediIntegrazione
from parcelle_kit.impostazioni import CopiaImpostazioni
from revisione.domain.errori import NonTrovataError
from revisione.handlers import seguiti

from ..conftest import Servizio
from ..finti import ACQUISITA, IMPOSTAZIONI, ORA, RELATORE

BUSTA: dict[str, Any] = {"correlation_id": "corr-1", "ordine": "DEMO"}
NUOVO = Attore(username="consigliere.neri", ruolo="consigliere", ordine="DEMO")


def acquisita() -> PraticaAcquisita:
    return PraticaAcquisita(
        **BUSTA,
        istanza_id="istanza-1",
        codice="DEMO-26-ABCD-EFGH-X",
        protocollo="2026/000001",
        acquisita_il=ACQUISITA,
        acquisita_da=Attore(username="segr", ruolo="segreteria", ordine="DEMO"),
    )


def assegnato(relatore: str) -> RelatoreAssegnato:
    return RelatoreAssegnato(
        **BUSTA, istanza_id="istanza-1", relatore=relatore, assegnato_il=ACQUISITA
    )


def apri(attore: Attore = RELATORE) -> DettaglioRevisione:
    return DettaglioRevisione(**BUSTA, attore=attore, istanza_id="istanza-1")


@pytest.mark.parametrize("prima_l_assegnazione", [False, True])
async def test_the_case_reaches_its_relatore_whatever_arrives_first(
    servizio: Servizio, prima_l_assegnazione: bool
) -> None:
    eventi = [seguiti.registra_acquisizione(servizio.d, acquisita())]
    assegnazione = seguiti.registra_relatore(servizio.d, assegnato("consigliere"))
    eventi.insert(0 if prima_l_assegnazione else 1, assegnazione)
    for evento in eventi:
        await evento
    caso = await servizio.caso()
    assert (caso.relatore, caso.protocollo, caso.correlation_id) == (
        "consigliere",
        "2026/000001",
        "corr-1",
    )
    assert (await servizio.revisioni.dettaglio(apri())).protocollo == "2026/000001"


async def test_a_reassignment_moves_the_case_to_the_new_relatore(servizio: Servizio) -> None:
    await seguiti.registra_acquisizione(servizio.d, acquisita())
    await seguiti.registra_relatore(servizio.d, assegnato("consigliere"))
    await seguiti.registra_relatore(servizio.d, assegnato(NUOVO.username))
    with pytest.raises(NonTrovataError):
        await servizio.revisioni.dettaglio(apri())
    assert (await servizio.revisioni.dettaglio(apri(NUOVO))).relatore == NUOVO.username


async def test_the_lawyers_answer_brings_the_case_back(servizio: Servizio) -> None:
    await seguiti.registra_acquisizione(servizio.d, acquisita())
    await seguiti.registra_relatore(servizio.d, assegnato("consigliere"))
    await servizio.revisioni.richiedi_integrazione(
        RichiediIntegrazione(
            **BUSTA, attore=RELATORE, istanza_id="istanza-1", testo="La procura", giorni=10
        )
    )
    fornita = IntegrazioneFornita(
        **BUSTA, istanza_id="istanza-1", nota="Allegata", allegati=["a"], fornita_il=ORA
    )
    await seguiti.registra_integrazione(servizio.d, fornita)
    await seguiti.registra_integrazione(servizio.d, fornita)
    vista = await servizio.revisioni.dettaglio(apri())
    assert vista.stato == "da_decidere"
    assert vista.decidibile
    assert (vista.integrazioni[0].nota, vista.integrazioni[0].fornita_il) == ("Allegata", ORA)


async def test_the_newest_settings_are_kept(servizio: Servizio) -> None:
    nuove = IMPOSTAZIONI.model_copy(update={"versione": 5, "nome": "Nuovo nome"})
    vecchie = IMPOSTAZIONI.model_copy(update={"versione": 4, "nome": "Vecchio"})
    for impostazioni in (nuove, vecchie):
        await seguiti.registra_impostazioni(
            servizio.d,
            ImpostazioniOrdineCambiate(
                correlation_id="i", ordine="DEMO", impostazioni=impostazioni
            ),
        )
    copia = await servizio.store.run(lambda tx: CopiaImpostazioni(tx).leggi("DEMO"))
    assert copia is not None
    assert copia.nome == "Nuovo nome"


async def test_a_withdrawal_ends_the_review_undecided(servizio: Servizio) -> None:
    await seguiti.registra_acquisizione(servizio.d, acquisita())
    await seguiti.registra_relatore(servizio.d, assegnato("consigliere"))
    await seguiti.registra_rinuncia(
        servizio.d,
        IstanzaRinunciata(
            **BUSTA,
            istanza_id="istanza-1",
            codice="DEMO-26-ABCD-EFGH-X",
            motivo="Il cliente ha pagato",
            rinunciata_il=ORA,
            rinunciata_da=Attore(username="avvocato", ruolo="avvocato", ordine="DEMO"),
        ),
    )
    vista = await servizio.revisioni.dettaglio(apri())
    assert (vista.stato, vista.decidibile, vista.azioni) == ("rinunciata", False, [])
    assert vista.motivo_attesa == "L'avvocato ha rinunciato all'istanza"


async def test_the_clients_observations_end_the_wait(servizio: Servizio) -> None:
    await servizio.store.run(
        lambda tx: CopiaImpostazioni(tx).sostituisci(
            IMPOSTAZIONI.model_copy(update={"versione": 3, "giorni_osservazioni": 60})
        )
    )
    await seguiti.registra_acquisizione(servizio.d, acquisita())
    await seguiti.registra_relatore(servizio.d, assegnato("consigliere"))
    assert not (await servizio.revisioni.dettaglio(apri())).decidibile  # 60 days: not yet
    await seguiti.registra_osservazioni(
        servizio.d, OsservazioniAggiunte(**BUSTA, istanza_id="istanza-1", aggiunte_il=ORA)
    )
    assert (await servizio.revisioni.dettaglio(apri())).decidibile
