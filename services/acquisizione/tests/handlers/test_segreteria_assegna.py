"""The relatore: assigned by the Ordine's rule at acquisition or by a clerk, reassigned with a
reason, never outside the Ordine's list; the first assignment makes the notice due; the
assigned councillor sees the case."""

from collections import Counter
from typing import Any

import pytest

from acquisizione.domain.errori import DomainError
from parcelle_contracts.acquisizione import AssegnaRelatore, DettaglioPratica
from parcelle_contracts.common import Attore
from parcelle_contracts.istanze import IstanzaRinunciata
from parcelle_contracts.ordini import Relatore

from ..conftest import Servizio
from ..fabbrica import ACQUISITA, IMPOSTAZIONI, NERI, VERDI
from ..finti import AVVOCATO, CONSIGLIERE, SEGRETERIA

AUTOMATICA = IMPOSTAZIONI.model_copy(update={"assegnazione_automatica": True})


def assegna(
    istanza_id: str, relatore: str, motivo: str | None = None, attore: Attore = SEGRETERIA
) -> AssegnaRelatore:
    return AssegnaRelatore(
        correlation_id="richiesta",
        ordine="DEMO",
        attore=attore,
        istanza_id=istanza_id,
        relatore=relatore,
        motivo=motivo,
    )


def tipi(uscita: list[dict[str, Any]]) -> list[str]:
    return [messaggio["routing_key"].rsplit(".", 1)[1] for messaggio in uscita]


async def test_the_rule_assigns_at_acquisition_by_weight(servizio: Servizio) -> None:
    await servizio.configura(AUTOMATICA)  # Verdi weight 1, Neri weight 2
    codici = await servizio.deposita(6)
    relatori = [(await servizio.acquisisci(c))["relatore"]["relatore"] for c in codici]
    # Neri (never assigned, weight 2) is behind Verdi in the list: Verdi first, then by load.
    assert relatori[0] == VERDI.username
    assert Counter(relatori) == {VERDI.username: 2, NERI.username: 4}
    uscita = await servizio.uscita()
    assert tipi(uscita)[:3] == ["pratica_acquisita", "relatore_assegnato", "prepara_avvio"]
    assert Counter(tipi(uscita)) == {
        "pratica_acquisita": 6,
        "relatore_assegnato": 6,
        "prepara_avvio": 6,
    }
    prepara = uscita[2]
    assert prepara["attore"]["username"] == SEGRETERIA.username
    assert prepara["correlation_id"] == uscita[0]["correlation_id"]


async def test_the_timeline_says_the_rule_assigned_through_parcelle_itself(
    servizio: Servizio,
) -> None:
    await servizio.configura(AUTOMATICA)
    (codice,) = await servizio.deposita()
    scansione, regola = (await servizio.acquisisci(codice))["cronologia"][-2:]
    assert (scansione["tramite"], scansione["stazione"], scansione["ruolo"]) == (
        "stazione",
        "banco-1",
        "segreteria",
    )
    assert regola["descrizione"] == "Relatore assegnato: Marco Verdi (assegnazione automatica)"
    assert (regola["chi"], regola["ruolo"], regola["tramite"], regola["stazione"]) == (
        "sistema",
        None,
        "sistema",
        None,
    )


async def test_a_withdrawn_case_frees_its_relatore_for_the_next(servizio: Servizio) -> None:
    a = Relatore(username="a", nome="A")
    b = Relatore(username="b", nome="B")
    await servizio.configura(AUTOMATICA.model_copy(update={"relatori": (a, b)}))
    codici = await servizio.deposita(3)
    primo = await servizio.acquisisci(codici[0])
    assert primo["relatore"]["relatore"] == "a"
    assert (await servizio.acquisisci(codici[1]))["relatore"]["relatore"] == "b"
    await servizio.ingresso.rinunciata(
        IstanzaRinunciata(
            correlation_id="c",
            ordine="DEMO",
            istanza_id=primo["istanza_id"],
            codice=codici[0],
            motivo="Pagato",
            rinunciata_il=ACQUISITA,
            rinunciata_da=AVVOCATO,
        )
    )
    # Both were assigned once; a has no open case any more.
    assert (await servizio.acquisisci(codici[2]))["relatore"]["relatore"] == "a"


async def test_without_the_rule_nobody_is_assigned_and_no_notice_is_due(
    servizio: Servizio,
) -> None:
    await servizio.configura()
    (codice,) = await servizio.deposita()
    assert (await servizio.acquisisci(codice))["relatore"] is None
    assert tipi(await servizio.uscita()) == ["pratica_acquisita"]


async def test_a_clerk_assigns_then_reassigns_with_a_reason(servizio: Servizio) -> None:
    await servizio.configura()
    (codice,) = await servizio.deposita()
    istanza_id = (await servizio.acquisisci(codice))["istanza_id"]
    prima = await servizio.segreteria.assegna(assegna(istanza_id, VERDI.username))
    assert prima.relatore is not None
    assert prima.relatore.da == SEGRETERIA.username
    passo = prima.cronologia[-1]
    assert (passo.chi, passo.ruolo, passo.tramite) == ("Sara Neri", "segreteria", "area_web")
    assert tipi(await servizio.uscita())[1:] == ["relatore_assegnato", "prepara_avvio"]

    with pytest.raises(DomainError) as senza_motivo:
        await servizio.segreteria.assegna(assegna(istanza_id, NERI.username))
    assert senza_motivo.value.codice == "dati_non_validi"
    dopo = await servizio.segreteria.assegna(
        assegna(istanza_id, NERI.username, "Astensione per conflitto di interessi")
    )
    assert [a.relatore for a in dopo.assegnazioni] == [VERDI.username, NERI.username]
    assert dopo.relatore is not None
    assert dopo.relatore.motivo == "Astensione per conflitto di interessi"
    # The notice was due once: a reassignment does not send it again.
    assert tipi(await servizio.uscita())[3:] == ["relatore_assegnato"]


async def test_only_the_ordine_s_councillors_by_its_secretariat(servizio: Servizio) -> None:
    await servizio.configura()
    (codice,) = await servizio.deposita()
    istanza_id = (await servizio.acquisisci(codice))["istanza_id"]
    refusals = [
        (assegna(istanza_id, "consigliere.sconosciuto"), "relatore_non_valido"),
        (assegna(istanza_id, VERDI.username, attore=CONSIGLIERE), "non_autorizzata"),
        (
            assegna(
                istanza_id,
                VERDI.username,
                attore=Attore(username="s", ruolo="segreteria", ordine="ROMA"),
            ),
            "non_trovata",
        ),
        (assegna("nessuna", VERDI.username), "non_trovata"),
    ]
    for messaggio, codice_errore in refusals:
        with pytest.raises(DomainError) as errore:
            await servizio.segreteria.assegna(messaggio)
        assert errore.value.codice == codice_errore


async def test_a_pending_case_gets_its_relatore_only_once_acquired(servizio: Servizio) -> None:
    await servizio.configura()
    await servizio.deposita()
    (pratica,) = await servizio.store.run(lambda tx: tx.find("pratiche"))
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.assegna(assegna(pratica["_id"], VERDI.username))
    assert errore.value.codice == "stato_non_valido"


async def test_the_assigned_councillor_sees_the_case(servizio: Servizio) -> None:
    await servizio.configura(AUTOMATICA)
    (codice,) = await servizio.deposita()
    istanza_id = (await servizio.acquisisci(codice))["istanza_id"]
    relatore = Attore(username=VERDI.username, ruolo="consigliere", ordine="DEMO")
    vista = await servizio.segreteria.dettaglio(
        DettaglioPratica(correlation_id="c", ordine="DEMO", attore=relatore, istanza_id=istanza_id)
    )
    assert vista.relatore is not None
    assert vista.relatore.nome == "Marco Verdi"
    altro = Attore(username=NERI.username, ruolo="consigliere", ordine="DEMO")
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.dettaglio(
            DettaglioPratica(correlation_id="c", ordine="DEMO", attore=altro, istanza_id=istanza_id)
        )
    assert errore.value.codice == "non_trovata"
