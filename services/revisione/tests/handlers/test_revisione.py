"""The relatore's use cases over SQLite with fake peers: only the assigned relatore sees and
decides; a decided case is not decided again; the same command delivered again answers the
same; a decision waits for the client's observations where the Ordine says so; the signing
step renders, signs once, keeps the signed order and announces it."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from parcelle_contracts.common import Attore
from parcelle_contracts.consegne import ProvvedimentoRilasciato
from parcelle_contracts.ordini import RegoleRevisione
from parcelle_contracts.revisione import (
    DecidiPratica,
    DettaglioRevisione,
    FileProvvedimento,
    FirmaProvvedimento,
    RichiediIntegrazione,
)
from parcelle_kit.bus.retry import TransientError
from revisione.domain.errori import (
    InAttesaError,
    NonAutorizzataError,
    NonTrovataError,
    StatoNonValidoError,
)
from revisione.handlers.seguiti import registra_rilascio

from ..conftest import Servizio
from ..finti import AVVOCATO, IMPOSTAZIONI, ORA, RELATORE, revisione

ALTRO = Attore(username="altro", ruolo="consigliere", ordine="DEMO")
CONFERMA = [
    {"fase": "studio", "importo_liquidato": "1701.00"},
    {"fase": "introduttiva", "importo_liquidato": "1204.00"},
    {"fase": "istruttoria", "importo_liquidato": "1806.00"},
    {"id": "decisionale", "importo_liquidato": "2500.00", "motivazione": "Atti brevi"},
]


def decisione(attore: Attore = RELATORE, **altro: Any) -> DecidiPratica:
    campi: dict[str, Any] = {"esito": "liquidata", "voci": CONFERMA, **altro}
    return DecidiPratica(
        correlation_id="c", ordine="DEMO", attore=attore, istanza_id="istanza-1", **campi
    )


async def test_the_relatore_sees_the_items_with_their_ranges(servizio: Servizio) -> None:
    await servizio.metti()
    vista = await servizio.revisioni.dettaglio(
        DettaglioRevisione(
            correlation_id="c", ordine="DEMO", attore=RELATORE, istanza_id="istanza-1"
        )
    )
    assert [v.id for v in vista.voci] == ["studio", "introduttiva", "istruttoria", "decisionale"]
    studio = vista.voci[0].parametri
    assert studio is not None
    assert (studio.minimo, studio.medio, studio.massimo) == (
        Decimal("850.50"),
        Decimal("1701.00"),
        Decimal("2551.50"),
    )
    assert vista.decidibile
    assert vista.azioni == ["decidi", "richiedi_integrazione"]
    assert vista.diritti_previsti == Decimal("152.32")


async def test_another_councillor_is_told_the_case_does_not_exist(servizio: Servizio) -> None:
    await servizio.metti()
    with pytest.raises(NonTrovataError):
        await servizio.revisioni.dettaglio(
            DettaglioRevisione(
                correlation_id="c", ordine="DEMO", attore=ALTRO, istanza_id="istanza-1"
            )
        )
    with pytest.raises(NonTrovataError):
        await servizio.revisioni.decidi(decisione(ALTRO))
    with pytest.raises(NonAutorizzataError):
        await servizio.revisioni.decidi(decisione(AVVOCATO))
    assert (await servizio.caso()).decisione is None


async def test_a_decision_is_recorded_with_its_signing_step(servizio: Servizio) -> None:
    await servizio.metti()
    vista = await servizio.revisioni.decidi(decisione())
    assert vista.stato == "in_firma"
    assert vista.decisione is not None
    assert vista.decisione.totali is not None
    assert vista.decisione.totali.compenso == Decimal("7211.00")
    assert vista.decisione.voci[3].variazione == "ridotta"
    uscita = await servizio.uscita()
    assert [m["routing_key"] for m in uscita] == ["revisione.command.firma_provvedimento"]


async def test_the_same_command_again_answers_the_same_and_another_is_refused(
    servizio: Servizio,
) -> None:
    await servizio.metti()
    comando = decisione()
    prima = await servizio.revisioni.decidi(comando)
    di_nuovo = await servizio.revisioni.decidi(comando)
    assert di_nuovo == prima
    with pytest.raises(StatoNonValidoError):
        await servizio.revisioni.decidi(decisione())
    assert len(await servizio.uscita()) == 1


async def test_a_decision_waits_for_the_observations_term_where_the_ordine_says_so(
    servizio: Servizio,
) -> None:
    await servizio.store.run(
        lambda tx: servizio.d.impostazioni(tx).sostituisci(
            IMPOSTAZIONI.model_copy(
                update={"versione": 2, "revisione": RegoleRevisione(attendi_osservazioni=True)}
            )
        )
    )
    caso = revisione()
    caso.acquisita_il = ORA - timedelta(days=3)
    await servizio.metti(caso)
    vista = await servizio.revisioni.dettaglio(
        DettaglioRevisione(
            correlation_id="c", ordine="DEMO", attore=RELATORE, istanza_id="istanza-1"
        )
    )
    assert not vista.decidibile
    assert vista.motivo_attesa is not None
    assert "osservazioni" in vista.motivo_attesa
    with pytest.raises(InAttesaError):
        await servizio.revisioni.decidi(decisione())
    servizio.orologio.ora = ORA + timedelta(days=8)
    assert (await servizio.revisioni.decidi(decisione())).stato == "in_firma"


async def test_an_integration_suspends_the_decision(servizio: Servizio) -> None:
    await servizio.metti()
    vista = await servizio.revisioni.richiedi_integrazione(
        RichiediIntegrazione(
            correlation_id="c",
            ordine="DEMO",
            attore=RELATORE,
            istanza_id="istanza-1",
            testo="Depositare la procura",
            giorni=15,
        )
    )
    assert vista.stato == "integrazione_richiesta"
    assert not vista.decidibile
    with pytest.raises(StatoNonValidoError):
        await servizio.revisioni.decidi(decisione())
    evento = (await servizio.uscita())[0]
    assert evento["routing_key"] == "revisione.event.integrazione_richiesta"
    assert evento["giorni"] == 15


async def test_the_signing_step_signs_once_keeps_the_order_and_announces_it(
    servizio: Servizio,
) -> None:
    await servizio.metti()
    await servizio.revisioni.decidi(decisione())
    comando = FirmaProvvedimento(correlation_id="corr-1", ordine="DEMO", istanza_id="istanza-1")
    servizio.firme.giu = True
    with pytest.raises(TransientError):
        await servizio.firma.firma_provvedimento(comando)
    assert (await servizio.caso()).stato == "in_firma"
    servizio.firme.giu = False
    await servizio.firma.firma_provvedimento(comando)
    await servizio.firma.firma_provvedimento(comando)  # redelivered: nothing more
    caso = await servizio.caso()
    assert caso.stato == "decisa"
    assert caso.provvedimento is not None
    firmato = await servizio.blobs.get(caso.provvedimento.key)
    assert firmato.endswith(b"%firma Anna Verdi\n")
    assert servizio.firme.firmati == [f"{comando.message_id}-firma"]
    eventi = [m for m in await servizio.uscita() if m["routing_key"].endswith("emesso")]
    assert len(eventi) == 1
    assert eventi[0]["sha256"] == caso.provvedimento.sha256
    assert eventi[0]["diritti"] == "144.22"


async def test_the_order_is_served_to_the_lawyer_the_secretariat_and_the_relatore(
    servizio: Servizio,
) -> None:
    await servizio.metti()
    await servizio.revisioni.decidi(decisione())
    domanda = FileProvvedimento(
        correlation_id="c", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
    )
    with pytest.raises(NonTrovataError):
        await servizio.revisioni.file(domanda)  # not signed yet
    await servizio.firma.firma_provvedimento(
        FirmaProvvedimento(correlation_id="corr-1", ordine="DEMO", istanza_id="istanza-1")
    )
    segreteria = Attore(username="segr", ruolo="segreteria", ordine="DEMO")
    # Not the lawyer's until istanze releases it (at once, or once the council fee is paid).
    with pytest.raises(StatoNonValidoError, match="pagamento"):
        await servizio.revisioni.file(domanda)
    rilascio = ProvvedimentoRilasciato(
        correlation_id="c", ordine="DEMO", istanza_id="istanza-1", rilasciato_il=ORA
    )
    await registra_rilascio(servizio.d, rilascio)
    await registra_rilascio(servizio.d, rilascio)  # redelivered
    for attore in (AVVOCATO, segreteria, RELATORE):
        ref = await servizio.revisioni.file(domanda.model_copy(update={"attore": attore}))
        assert ref.blob.area == "revisione"
    estraneo = AVVOCATO.model_copy(update={"username": "altro.avvocato"})
    with pytest.raises(NonTrovataError):
        await servizio.revisioni.file(domanda.model_copy(update={"attore": estraneo}))
    with pytest.raises(NonAutorizzataError):
        await servizio.revisioni.file(domanda.model_copy(update={"attore": ALTRO}))


async def test_a_not_liquidable_case_is_signed_and_announced_too(servizio: Servizio) -> None:
    await servizio.metti()
    await servizio.revisioni.decidi(
        decisione(esito="non_liquidabile", voci=[], motivi="Mandato in corso")
    )
    await servizio.firma.firma_provvedimento(
        FirmaProvvedimento(correlation_id="corr-1", ordine="DEMO", istanza_id="istanza-1")
    )
    chiavi = [m["routing_key"] for m in await servizio.uscita()]
    assert chiavi[-1] == "revisione.event.pratica_non_liquidabile"
    assert (await servizio.caso()).stato == "decisa"
    assert revisione().decisione is None
