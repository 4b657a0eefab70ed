"""From the lawyer's deposit to the signed order, on the real broker with the real `istanze`,
`firma`, `acquisizione` and `revisione` (and the notice's `notifiche` and `postale`): the clerk
scans, the relatore sees the case with the DM 147/2022 ranges and decides, the order is signed
by the demo Ordine's key, `pdfsig` validates it against the demo CA, the lawyer may download it
and the case is ``provvedimento_emesso`` in `istanze`."""

import asyncio
import hashlib
from collections.abc import AsyncIterator, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest

from parcelle_contracts import acquisizione as acq
from parcelle_contracts import istanze
from parcelle_contracts import revisione as rev
from parcelle_contracts.common import TRANSFER_AREA, Attore, BlobRef, Esito, FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.ids import new_id
from parcelle_contracts.integrazioni import NuovoAllegato, RispondiIntegrazione
from parcelle_kit import demo
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.requests import ask
from parcelle_testing.fixtures import BusClient, StartServices
from parcelle_testing.pdf_tools import pdfsig

pytestmark = pytest.mark.integration
D = TypeVar("D")
Lettore = Callable[[bytes], str]


def attore(utente: demo.DemoUser, **altro: Any) -> Attore:
    return Attore(
        username=utente.username,
        ruolo=utente.ruolo,
        ordine=demo.ORDINE,
        nome=utente.nome,
        cognome=utente.cognome,
        codice_fiscale=utente.codice_fiscale,
        pec=utente.pec,
        **altro,
    )


AVVOCATO = attore(demo.AVVOCATO)
STAZIONE = attore(demo.SEGRETERIA, tramite="stazione", stazione="banco-1")
RELATORE = attore(demo.CONSIGLIERE)


async def ok(client: BusClient, message: Message, dati: type[D], timeout: float = 60) -> D:
    esito: Esito[D] = await ask(client.rpc, message, dati, timeout=timeout)
    assert esito.ok, esito.errore
    assert esito.dati is not None
    return esito.dati


def small_pdf(text: str) -> bytes:
    from weasyprint import HTML  # heavy import, needed by this test only

    return bytes(HTML(string=f"<p>{text}</p>").write_pdf())


async def trasferisci(transfer: BlobStore, data: bytes) -> BlobRef:
    async def uno() -> AsyncIterator[bytes]:
        yield data

    key = f"upload/{new_id()}"
    await transfer.put(key, uno(), max_size=len(data), content_type="application/pdf")
    digest = hashlib.sha256(data).hexdigest()
    return BlobRef(area=TRANSFER_AREA, key=key, sha256=digest, size=len(data))


async def deposita(client: BusClient, transfer: BlobStore) -> istanze.Istanza:
    istanza_id = new_id()

    def richiesta(tipo: type[Any], **altro: Any) -> Any:
        return tipo(
            correlation_id=istanza_id,
            ordine=demo.ORDINE,
            attore=AVVOCATO,
            istanza_id=istanza_id,
            **altro,
        )

    contenuto = istanze.ContenutoIstanza.model_validate(ESEMPIO)
    await ok(client, richiesta(istanze.CreaBozza, contenuto=contenuto), istanze.Istanza)
    for categoria in ("parcella", "prova_invio"):
        file = await trasferisci(transfer, small_pdf(categoria))
        allegato = richiesta(
            istanze.AggiungiAllegato, categoria=categoria, nome_file=f"{categoria}.pdf", file=file
        )
        await ok(client, allegato, istanze.Istanza)
    await ok(client, richiesta(istanze.FirmaDemoIstanza), istanze.Istanza, timeout=120)
    return await ok(client, richiesta(istanze.DepositaIstanza), istanze.Istanza, timeout=120)


async def assegnata(
    bus_client: BusClient, transfer: BlobStore
) -> tuple[istanze.Istanza, dict[str, Any], rev.Revisione]:
    """A deposited case, scanned by the clerk and assigned: as its relatore opens it."""
    istanza = await deposita(bus_client, transfer)
    busta: dict[str, Any] = {"correlation_id": istanza.id, "ordine": demo.ORDINE}
    async with asyncio.timeout(60):  # acquisizione hears the deposit
        while True:
            esito = await ask(
                bus_client.rpc,
                acq.AcquisisciPratica(
                    **busta, attore=STAZIONE, codice=istanza.codice, origine="scanner"
                ),
                acq.Pratica,
                timeout=30,
            )
            if esito.ok:
                break
            await asyncio.sleep(0.2)
    assert esito.dati is not None
    assert esito.dati.relatore is not None
    assert esito.dati.relatore.relatore == demo.CONSIGLIERE.username
    apri = rev.DettaglioRevisione(**busta, attore=RELATORE, istanza_id=istanza.id)
    async with asyncio.timeout(60):  # revisione hears the acquisition and the assignment
        while not (aperta := await ask(bus_client.rpc, apri, rev.Revisione, timeout=30)).ok:
            await asyncio.sleep(0.2)
    assert aperta.dati is not None
    return istanza, busta, aperta.dati


async def test_from_deposit_to_the_signed_order_the_lawyer_downloads(
    start_services: StartServices, bus_client: BusClient, tmp_path: Path, testo: Lettore
) -> None:
    istanze_, firma, _, revisione, _, _ = await start_services(
        "istanze", "firma", "acquisizione", "revisione", "notifiche", "postale"
    )
    istanza, busta, vista = await assegnata(bus_client, istanze_.transfer)
    assert vista.decidibile  # the demo Ordine does not wait for the observations
    assert [v.id for v in vista.voci] == ["studio", "introduttiva", "istruttoria", "decisionale"]
    assert vista.voci[0].parametri is not None
    assert vista.voci[0].parametri.medio == Decimal("1701.00")

    altro = RELATORE.model_copy(update={"username": "altro.consigliere"})
    decidi = rev.DecidiPratica.model_validate(
        {
            **busta,
            "attore": RELATORE,
            "istanza_id": istanza.id,
            "esito": "liquidata",
            "voci": [
                {"fase": "studio", "importo_liquidato": "1701.00"},
                {"fase": "introduttiva", "importo_liquidato": "1204.00"},
                {"fase": "istruttoria", "importo_liquidato": "1806.00"},
                {"fase": "decisionale", "importo_liquidato": "2500.00", "motivazione": "Breve"},
            ],
        }
    )
    negato = await ask(
        bus_client.rpc, decidi.model_copy(update={"attore": altro}), rev.Revisione, timeout=30
    )
    assert negato.errore is not None
    assert negato.errore.codice == "non_trovata"
    decisa = await ok(bus_client, decidi, rev.Revisione)
    assert decisa.decisione is not None
    assert decisa.decisione.totali is not None
    assert decisa.decisione.totali.compenso == Decimal("7211.00")
    assert decisa.decisione.diritti == Decimal("216.33")  # the demo Ordine: 3%
    assert await ok(bus_client, decidi, rev.Revisione) == decisa  # the same command again

    scarica = rev.FileProvvedimento(**busta, attore=AVVOCATO, istanza_id=istanza.id)
    async with asyncio.timeout(120):  # rendered, signed by firma, kept
        while not (file := await ask(bus_client.rpc, scarica, FileRef, timeout=30)).ok:
            await asyncio.sleep(0.3)
    assert file.dati is not None
    firmato = await revisione.blobs.get(file.dati.blob.key)
    assert hashlib.sha256(firmato).hexdigest() == file.dati.blob.sha256

    ca = (demo.directory(firma.settings.var_dir) / "ca.pem").read_bytes()
    report = pdfsig(firmato, ca, tmp_path)
    assert "Signature Validation: Signature is Valid." in report, report
    assert "Certificate Validation: Certificate is Trusted." in report, report
    assert "Total document signed" in report, report
    assert "Compenso: € 7.211,00" in " ".join(testo(firmato).split())

    dettaglio = istanze.DettaglioIstanza(**busta, attore=AVVOCATO, istanza_id=istanza.id)
    async with asyncio.timeout(60):  # istanze hears ProvvedimentoEmesso
        while (caso := await ok(bus_client, dettaglio, istanze.Istanza)).stato != (
            "provvedimento_emesso"
        ):
            await asyncio.sleep(0.2)
    assert caso.provvedimento


async def test_an_integration_suspends_the_term_and_the_answer_brings_the_case_back(
    start_services: StartServices, bus_client: BusClient
) -> None:
    istanze_, _, _, _, _, _ = await start_services(
        "istanze", "firma", "acquisizione", "revisione", "notifiche", "postale"
    )
    istanza, busta, _ = await assegnata(bus_client, istanze_.transfer)
    chiesta = await ok(
        bus_client,
        rev.RichiediIntegrazione(
            **busta,
            attore=RELATORE,
            istanza_id=istanza.id,
            testo="Depositare la procura",
            giorni=15,
        ),
        rev.Revisione,
    )
    assert chiesta.stato == "integrazione_richiesta"
    dettaglio = istanze.DettaglioIstanza(**busta, attore=AVVOCATO, istanza_id=istanza.id)
    async with asyncio.timeout(60):  # istanze hears IntegrazioneRichiesta
        while (caso := await ok(bus_client, dettaglio, istanze.Istanza)).stato != (
            "integrazione_richiesta"
        ):
            await asyncio.sleep(0.2)
    assert "integra" in caso.azioni
    procura = await trasferisci(istanze_.transfer, small_pdf("procura"))
    risposta = RispondiIntegrazione(
        **busta,
        attore=AVVOCATO,
        istanza_id=istanza.id,
        nota="Allego la procura",
        allegati=[NuovoAllegato(categoria="procura", nome_file="procura.pdf", file=procura)],
    )
    assert (await ok(bus_client, risposta, istanze.Istanza)).stato == "acquisita"

    apri = rev.DettaglioRevisione(**busta, attore=RELATORE, istanza_id=istanza.id)
    async with asyncio.timeout(60):  # revisione hears IntegrazioneFornita
        while (vista := await ok(bus_client, apri, rev.Revisione)).stato != "da_decidere":
            await asyncio.sleep(0.2)
    assert vista.integrazioni[0].nota == "Allego la procura"
    pratica = acq.DettaglioPratica(**busta, attore=STAZIONE, istanza_id=istanza.id)
    async with asyncio.timeout(60):  # acquisizione suspended the term and let it run again
        while (registro := await ok(bus_client, pratica, acq.Pratica)).cronologia[
            -1
        ].descrizione != "Il termine riprende a decorrere":
            await asyncio.sleep(0.2)
    assert any(p.descrizione.startswith("Termine sospeso") for p in registro.cronologia)

    rifiuto = rev.DecidiPratica(
        **busta,
        attore=RELATORE,
        istanza_id=istanza.id,
        esito="non_liquidabile",
        motivi="Mandato ancora in corso",
    )
    await ok(bus_client, rifiuto, rev.Revisione)
    async with asyncio.timeout(120):  # signed and told to istanze
        while (caso := await ok(bus_client, dettaglio, istanze.Istanza)).stato != (
            "non_liquidabile"
        ):
            await asyncio.sleep(0.3)
    assert caso.provvedimento
