"""Acquiring a case by its code: the refusals and their codes, one protocol number per case
whatever happens, gapless per Ordine and per year, and what the other services are told."""

from datetime import UTC, datetime
from typing import Any

import pytest

from acquisizione.domain.errori import CODICE_MALFORMATO, CODICE_NON_AUTENTICO, DomainError
from parcelle_contracts.acquisizione import AcquisisciPratica, ElencoInAttesa, RiepilogoInAttesa
from parcelle_contracts.common import Attore
from parcelle_contracts.istanze import IstanzaRinunciata
from parcelle_kit.codes import nuovo_codice

from ..conftest import Servizio
from ..fabbrica import ACQUISITA, IMPOSTAZIONI
from ..finti import AVVOCATO, SECRET, SEGRETERIA, scansione


async def rifiuto(servizio: Servizio, messaggio: AcquisisciPratica) -> DomainError:
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.acquisisci(messaggio)
    return errore.value


async def test_a_scan_acquires_with_the_first_number_of_the_year(servizio: Servizio) -> None:
    (codice,) = await servizio.deposita()
    risposta = await servizio.segreteria.acquisisci(scansione(codice))
    assert risposta.protocollo == "2026/000001"
    assert risposta.stato == "acquisita"
    assert risposta.gia_acquisita is False
    passo = risposta.cronologia[-1]
    assert (passo.chi, passo.ruolo, passo.tramite, passo.stazione) == (
        "Sara Neri",
        "segreteria",
        "stazione",
        "banco-1",
    )
    (evento,) = await servizio.uscita()  # the DEMO defaults assign nobody: no relatore
    assert evento["routing_key"] == "acquisizione.event.pratica_acquisita"
    assert evento["protocollo"] == "2026/000001"
    assert evento["correlation_id"] == f"corr-DEMO-0-{codice}"  # the case's, not the request's
    assert evento["acquisita_da"]["username"] == SEGRETERIA.username
    assert (evento["acquisita_da"]["tramite"], evento["acquisita_da"]["stazione"]) == (
        "stazione",
        "banco-1",
    )


async def test_a_click_in_the_pending_list_is_recorded_from_the_clerk_s_web_area(
    servizio: Servizio,
) -> None:
    (codice,) = await servizio.deposita()
    risposta = await servizio.segreteria.acquisisci(scansione(codice, SEGRETERIA, origine="elenco"))
    passo = risposta.cronologia[-1]
    assert (passo.tramite, passo.stazione) == ("area_web", None)


async def test_scanning_again_answers_the_registration_and_changes_nothing(
    servizio: Servizio,
) -> None:
    (codice,) = await servizio.deposita()
    prima = await servizio.acquisisci(codice)
    uscita = await servizio.uscita()
    for _ in range(3):
        di_nuovo = await servizio.acquisisci(codice)
        assert di_nuovo["gia_acquisita"] is True
        assert di_nuovo["protocollo"] == "2026/000001"
        assert di_nuovo["cronologia"] == prima["cronologia"]
    assert await servizio.uscita() == uscita


async def test_a_redelivered_request_gets_the_first_answer_and_no_second_number(
    servizio: Servizio,
) -> None:
    codice, altro = await servizio.deposita(2)
    messaggio = scansione(codice)
    prima = await servizio.segreteria.acquisisci(messaggio)
    assert await servizio.segreteria.acquisisci(messaggio) == prima
    dopo = await servizio.segreteria.acquisisci(scansione(altro))
    assert dopo.protocollo == "2026/000002"


async def test_the_code_is_read_forgivingly(servizio: Servizio) -> None:
    (codice,) = await servizio.deposita()
    digitato = codice.lower().replace("-", " ")
    risposta = await servizio.segreteria.acquisisci(
        scansione(digitato, SEGRETERIA, origine="elenco")
    )
    assert risposta.codice == codice


async def test_malformed_forged_foreign_and_unknown_codes_are_refused_without_a_number(
    servizio: Servizio,
) -> None:
    (codice,) = await servizio.deposita()
    malformato = await rifiuto(servizio, scansione("non è un codice"))
    assert (malformato.codice, malformato.messaggio) == ("codice_non_valido", CODICE_MALFORMATO)
    assert malformato.campi == {"codice": CODICE_MALFORMATO}
    controllo = codice[-4:]
    falso = codice[:-4] + ("0" if controllo[0] != "0" else "1") + controllo[1:]
    contraffatto = await rifiuto(servizio, scansione(falso))
    assert (contraffatto.codice, contraffatto.messaggio) == (
        "codice_non_valido",
        CODICE_NON_AUTENTICO,
    )
    # A code made with another installation's secret fails the check the same way.
    estraneo = await rifiuto(servizio, scansione(nuovo_codice("another-secret", "DEMO", 2026)))
    assert estraneo.messaggio == CODICE_NON_AUTENTICO
    altro_ordine = await rifiuto(servizio, scansione(nuovo_codice(SECRET, "ROMA", 2026)))
    assert altro_ordine.codice == "codice_altro_ordine"
    assert "ROMA" in altro_ordine.messaggio
    sconosciuto = await rifiuto(servizio, scansione(nuovo_codice(SECRET, "DEMO", 2026)))
    assert sconosciuto.codice == "non_trovata"
    # None of these took a number.
    risposta = await servizio.segreteria.acquisisci(scansione(codice))
    assert risposta.protocollo == "2026/000001"


async def test_only_the_secretariat_acquires(servizio: Servizio) -> None:
    (codice,) = await servizio.deposita()
    assert (await rifiuto(servizio, scansione(codice, AVVOCATO))).codice == "non_autorizzata"
    roma = Attore(username="segreteria.roma", ruolo="segreteria", ordine="ROMA")
    assert (await rifiuto(servizio, scansione(codice, roma))).codice == "codice_altro_ordine"


async def test_a_hand_signed_deposit_waits_for_its_original(servizio: Servizio) -> None:
    (codice,) = await servizio.deposita(firma="autografa")
    assert (await rifiuto(servizio, scansione(codice))).codice == "originale_mancante"
    risposta = await servizio.segreteria.acquisisci(scansione(codice, originale_ricevuto=True))
    assert risposta.originale_ricevuto is True
    assert risposta.protocollo == "2026/000001"


async def test_where_the_ordine_asks_for_it_the_stamp_duty_is_confirmed_too(
    servizio: Servizio,
) -> None:
    await servizio.configura(IMPOSTAZIONI.model_copy(update={"marca_da_bollo": True}))
    (codice,) = await servizio.deposita(firma="autografa")
    riepilogo = await servizio.segreteria.riepilogo_in_attesa(
        RiepilogoInAttesa(correlation_id="c", ordine="DEMO", attore=SEGRETERIA)
    )
    assert riepilogo.marca_da_bollo
    assert (riepilogo.totale, riepilogo.con_firma_autografa) == (1, 1)
    manca = await rifiuto(servizio, scansione(codice, originale_ricevuto=True))
    assert (manca.codice, set(manca.campi)) == ("originale_mancante", {"bollo_ricevuto"})
    risposta = await servizio.segreteria.acquisisci(
        scansione(codice, originale_ricevuto=True, bollo_ricevuto=True)
    )
    assert (risposta.originale_ricevuto, risposta.bollo_ricevuto) == (True, True)


async def test_a_withdrawn_case_is_not_acquired(servizio: Servizio) -> None:
    (codice,) = await servizio.deposita()
    await servizio.ingresso.rinunciata(
        IstanzaRinunciata(
            correlation_id="c",
            ordine="DEMO",
            istanza_id=f"DEMO-0-{codice}",
            codice=codice,
            motivo="Accordo raggiunto",
            rinunciata_il=ACQUISITA,
            rinunciata_da=AVVOCATO,
        )
    )
    assert (await rifiuto(servizio, scansione(codice))).codice == "stato_non_valido"


async def test_numbers_are_per_ordine_and_per_year_in_rome(servizio: Servizio) -> None:
    demo = await servizio.deposita(3)
    roma = await servizio.deposita(2, "ROMA")
    clerk_roma = Attore(username="segreteria.roma", ruolo="segreteria", ordine="ROMA")
    numeri = []
    for codice in demo[:2]:
        numeri.append((await servizio.acquisisci(codice))["protocollo"])
    for codice in roma:
        numeri.append((await servizio.acquisisci(codice, clerk_roma))["protocollo"])
    # Half past midnight on 1 January 2027 in Rome is still 2026 in UTC.
    servizio.orologio.ora = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    numeri.append((await servizio.acquisisci(demo[2]))["protocollo"])
    assert numeri == ["2026/000001", "2026/000002", "2026/000001", "2026/000002", "2027/000001"]


async def test_the_pending_list_oldest_first_with_filters_pages_and_counts(
    servizio: Servizio,
) -> None:
    digitali = await servizio.deposita(3)
    (autografa,) = await servizio.deposita(firma="autografa", cliente="Anna Esposito")
    await servizio.segreteria.acquisisci(scansione(digitali[0]))

    async def elenco(**filtri: Any) -> tuple[list[str], str | None]:
        risposta = await servizio.segreteria.elenco_in_attesa(
            ElencoInAttesa(correlation_id="c", ordine="DEMO", attore=SEGRETERIA, **filtri)
        )
        return [r.codice for r in risposta.items], risposta.next

    assert await elenco() == ([digitali[1], digitali[2], autografa], None)
    prima, cursor = await elenco(limit=2)
    assert (prima, await elenco(limit=2, cursor=cursor)) == (
        digitali[1:3],
        ([autografa], None),
    )
    assert (await elenco(firma="autografa"))[0] == [autografa]
    assert (await elenco(firma="digitale"))[0] == digitali[1:3]
    assert (await elenco(cerca="bianchi"))[0] == [*digitali[1:3], autografa]
    assert (await elenco(cerca=digitali[1][:14]))[0] == [digitali[1]]
    assert (await elenco(cerca="nessuno"))[0] == []
    riepilogo = await servizio.segreteria.riepilogo_in_attesa(
        RiepilogoInAttesa(correlation_id="c", ordine="DEMO", attore=SEGRETERIA)
    )
    assert (riepilogo.totale, riepilogo.firmate_digitalmente, riepilogo.con_firma_autografa) == (
        3,
        2,
        1,
    )
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.elenco_in_attesa(
            ElencoInAttesa(correlation_id="c", ordine="DEMO", attore=AVVOCATO)
        )
    assert errore.value.codice == "non_autorizzata"
