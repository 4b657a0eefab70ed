"""`acquisizione` on the real broker: deposits arrive as events, the clerk's requests get
Esito replies with the refusals' codes, the Ordine's rule assigns, notifiche sends the notice
by PEC through the development's simulated provider (sent, then delivered by its receipts), and
postale sends the registered letter."""

import asyncio
from typing import Any

import pytest

from acquisizione.bootstrap import ORDINE_DEMO, unit_of_work
from acquisizione.domain.errori import CODICE_MALFORMATO, CODICE_NON_AUTENTICO
from acquisizione.handlers.ordini import imposta
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.common import Attore
from parcelle_contracts.ordini import Relatore
from parcelle_kit import demo
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.service import Runtime
from parcelle_testing.fixtures import StartServices

from ..finti import AVVOCATO, SEGRETERIA, depositata, scansione, vista_istanza
from .conftest import Client, FintaIstanze, attendi_consegna_pec

pytestmark = pytest.mark.integration
SENZA_PEC = {
    "tipo": "persona_fisica",
    "nome": "Mario",
    "cognome": "Rossi",
    "indirizzo": {"via": "Via Roma 1", "cap": "00184", "comune": "Roma", "provincia": "RM"},
}


async def deposita(
    runtime: Runtime[Any], client: Client, n: int, **altro: Any
) -> list[tuple[str, str]]:
    """``n`` deposits announced on the bus; (istanza_id, code) of each, once pending."""
    prima = (await client.in_attesa()).totale
    casi = []
    for i in range(n):
        codice = nuovo_codice(runtime.settings.secret(), "DEMO", 2026)
        istanza_id = f"istanza-{i}-{codice}"
        await client.publisher.publish(depositata(istanza_id, codice, **altro))
        casi.append((istanza_id, codice))
    await client.attendi_in_attesa(prima + n)
    return casi


async def acquisisci(client: Client, codice: str, **altro: Any) -> contratti.Pratica:
    return await client.ok(scansione(codice, **altro), contratti.Pratica)


async def test_refusals_come_back_with_their_codes(
    start_services: StartServices, client: Client
) -> None:
    (acquisizione,) = await start_services("acquisizione")
    secret = acquisizione.settings.secret()
    ((_, codice), (_, autografa)) = [
        *await deposita(acquisizione, client, 1),
        *await deposita(acquisizione, client, 1, firma="autografa"),
    ]
    falso = codice[:-4] + ("0" if codice[-4] != "0" else "1") + codice[-3:]
    attesi = [
        (scansione("ciao"), "codice_non_valido", CODICE_MALFORMATO),
        (scansione(falso), "codice_non_valido", CODICE_NON_AUTENTICO),
        (scansione(nuovo_codice(secret, "ROMA", 2026)), "codice_altro_ordine", None),
        (scansione(nuovo_codice(secret, "DEMO", 2026)), "non_trovata", None),
        (scansione(codice, AVVOCATO), "non_autorizzata", None),
        (scansione(autografa), "originale_mancante", None),
    ]
    for richiesta, codice_errore, messaggio in attesi:
        esito = await client.ask(richiesta, contratti.Pratica)
        assert not esito.ok
        assert esito.errore is not None
        assert esito.errore.codice == codice_errore, richiesta.codice
        if messaggio is not None:
            assert esito.errore.messaggio == messaggio
    # None of the refusals took a number.
    assert (await acquisisci(client, codice)).protocollo is not None
    assert (await acquisisci(client, codice)).gia_acquisita
    con_originale = await acquisisci(client, autografa, originale_ricevuto=True)
    assert con_originale.originale_ricevuto
    assert (con_originale.protocollo or "").endswith("/000002")


async def test_the_rule_assigns_and_the_notices_go_by_their_couriers(
    start_services: StartServices,
    client: Client,
    finta_istanze: FintaIstanze,
) -> None:
    acquisizione, _, _ = await start_services("acquisizione", "notifiche", "postale")
    # The demo Ordine assigns automatically; here to two councillors, the second weight 2.
    neri = Relatore(username="consigliere.neri", nome="Anna Neri", peso=2)
    cambi = {"relatori": (*ORDINE_DEMO.relatori, neri)}
    await acquisizione.store.run(lambda tx: imposta(unit_of_work(tx), "DEMO", cambi))
    casi = await deposita(acquisizione, client, 3)
    for i, (istanza_id, codice) in enumerate(casi):
        cliente = SENZA_PEC if i == 0 else None  # the first client has no PEC
        finta_istanze.viste[istanza_id] = vista_istanza(istanza_id, codice, cliente=cliente)

    pratiche = [await acquisisci(client, codice) for _, codice in casi]
    assert [p.relatore.relatore for p in pratiche if p.relatore] == [
        demo.CONSIGLIERE.username,
        neri.username,
        neri.username,
    ]
    numeri = [p.protocollo for p in pratiche]
    assert [n[-6:] for n in numeri if n] == ["000001", "000002", "000003"]

    async with asyncio.timeout(60):  # the notices are made after the clerk has the answer
        while True:
            viste = [await client.dettaglio(istanza_id) for istanza_id, _ in casi]
            if all(len(v.comunicazioni) == 2 for v in viste):
                break
            await asyncio.sleep(0.2)
    canali = [[c.canale for c in v.comunicazioni] for v in viste]
    assert canali == [["raccomandata", "pec"], ["pec", "pec"], ["pec", "pec"]]
    # istanze was asked as the clerk who acquired, of the same Ordine.
    assert {(d.attore.username, d.attore.ruolo) for d in finta_istanze.domande} == {
        (SEGRETERIA.username, "segreteria")
    }
    avviso = viste[0].comunicazioni[0].documento
    pdf = await acquisizione.blobs.get(avviso.blob.key)
    assert pdf.startswith(b"%PDF-")
    assert avviso.blob.area == "acquisizione"

    # notifiche sends the PECs through the simulated provider: sent, then delivered.
    for v in viste:
        for c in v.comunicazioni:
            if c.canale == "pec":
                await attendi_consegna_pec(client, v.istanza_id, c.id)
    # postale takes the registered letter to the print center, and says so: the notice moves on.
    async with asyncio.timeout(30):
        while (
            lettera := (await client.dettaglio(casi[0][0])).comunicazioni[0]
        ).stato == "in_attesa":
            await asyncio.sleep(0.2)
    assert lettera.stato == "inviata"
    ultime = [p.descrizione for p in (await client.dettaglio(casi[0][0])).cronologia]
    assert any("Accettata dal centro stampa" in d for d in ultime), ultime


async def test_a_clerk_reassigns_over_the_bus(
    start_services: StartServices, client: Client, finta_istanze: FintaIstanze
) -> None:
    (acquisizione,) = await start_services("acquisizione")
    neri = Relatore(username="consigliere.neri", nome="Anna Neri")
    cambi = {"assegnazione_automatica": False, "relatori": (neri,)}
    await acquisizione.store.run(lambda tx: imposta(unit_of_work(tx), "DEMO", cambi))
    ((istanza_id, codice),) = await deposita(acquisizione, client, 1)
    finta_istanze.viste[istanza_id] = vista_istanza(istanza_id, codice)
    assert (await acquisisci(client, codice)).relatore is None

    def assegna(relatore: str, attore: Attore = SEGRETERIA) -> contratti.AssegnaRelatore:
        return contratti.AssegnaRelatore(
            correlation_id="c", ordine="DEMO", attore=attore, istanza_id=istanza_id,
            relatore=relatore, motivo="Designazione del Consiglio",
        )  # fmt: skip

    for relatore in (demo.CONSIGLIERE.username, "nessuno"):  # not among this Ordine's
        esito = await client.ask(assegna(relatore), contratti.Pratica)
        assert esito.errore is not None
        assert esito.errore.codice == "relatore_non_valido"
    esito = await client.ask(assegna(neri.username, AVVOCATO), contratti.Pratica)
    assert esito.errore is not None
    assert esito.errore.codice == "non_autorizzata"
    assegnata = await client.ok(assegna(neri.username), contratti.Pratica)
    assert assegnata.relatore is not None
    assert assegnata.relatore.da == SEGRETERIA.username
    async with asyncio.timeout(60):  # the first assignment made the notice due
        while not (await client.dettaglio(istanza_id)).comunicazioni:
            await asyncio.sleep(0.2)
