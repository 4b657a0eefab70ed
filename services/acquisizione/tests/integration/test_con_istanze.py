"""From the lawyer's deposit to the notice, with the real `istanze` and `firma`: the clerk
scans, the case is registered here and becomes ``acquisita`` with its number in `istanze`,
`istanze` shows the secretariat the client's addresses, and the notice goes out: to the lawyer
by PEC through `notifiche` (the development's simulated provider: sent, then delivered), to the
client by raccomandata through `postale`."""

import asyncio
import hashlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from parcelle_contracts import acquisizione as contratti
from parcelle_contracts import istanze
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.ids import new_id
from parcelle_kit import demo
from parcelle_kit.blob.ports import BlobStore
from parcelle_testing.fixtures import StartServices

from ..finti import AVVOCATO, scansione
from .conftest import Client, attendi_consegna_pec

pytestmark = pytest.mark.integration
Lettore = Callable[[bytes], str]
# The sample application, its client without a PEC: the notice goes by registered mail.
CONTENUTO = istanze.ContenutoIstanza.model_validate(
    {
        **ESEMPIO,
        "cliente": {k: v for k, v in ESEMPIO["cliente"].items() if k != "pec"},
    }
)


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


async def deposita(client: Client, transfer: BlobStore) -> istanze.Istanza:
    """What the lawyer does in their area: draft, attach, sign (demo), deposit."""
    istanza_id = new_id()

    def richiesta(tipo: type[Any], **altro: Any) -> Any:
        return tipo(
            correlation_id=istanza_id,
            ordine="DEMO",
            attore=AVVOCATO,
            istanza_id=istanza_id,
            **altro,
        )

    await client.ok(richiesta(istanze.CreaBozza, contenuto=CONTENUTO), istanze.Istanza)
    for categoria in ("parcella", "prova_invio"):
        file = await trasferisci(transfer, small_pdf(categoria))
        allegato = richiesta(
            istanze.AggiungiAllegato, categoria=categoria, nome_file=f"{categoria}.pdf", file=file
        )
        await client.ok(allegato, istanze.Istanza)
    await client.ok(richiesta(istanze.FirmaDemoIstanza), istanze.Istanza, timeout=120)
    return await client.ok(richiesta(istanze.DepositaIstanza), istanze.Istanza, timeout=120)


async def test_deposit_scan_acquired_everywhere_and_the_notice_goes_out(
    start_services: StartServices,
    client: Client,
    testo: Lettore,
) -> None:
    istanze_, _, acquisizione, _, _ = await start_services(
        "istanze", "firma", "acquisizione", "notifiche", "postale"
    )
    istanza = await deposita(client, istanze_.transfer)
    assert istanza.stato == "depositata"
    await client.attendi_in_attesa(1)

    pratica = await client.ok(scansione(istanza.codice), contratti.Pratica)
    assert pratica.protocollo is not None
    assert pratica.relatore is not None
    assert pratica.relatore.relatore == demo.CONSIGLIERE.username  # the demo Ordine's rule
    assert pratica.cronologia[-1].descrizione.startswith("Relatore assegnato: Marco Verdi")

    dettaglio = istanze.DettaglioIstanza(
        correlation_id="c", ordine="DEMO", attore=AVVOCATO, istanza_id=istanza.id
    )
    async with asyncio.timeout(30):  # istanze hears PraticaAcquisita
        while (vista := await client.ok(dettaglio, istanze.Istanza)).stato != "acquisita":
            await asyncio.sleep(0.1)
    assert vista.protocollo == pratica.protocollo
    assert vista.cronologia[-1].descrizione == (
        f"Istanza acquisita con protocollo n. {pratica.protocollo}"
    )

    async with asyncio.timeout(90):  # the notice follows, off the clerk's path
        while not (avviata := await client.dettaglio(istanza.id)).comunicazioni:
            await asyncio.sleep(0.2)
    assert [c.canale for c in avviata.comunicazioni] == ["raccomandata", "pec"]
    pdf = await acquisizione.blobs.get(avviata.comunicazioni[0].documento.blob.key)
    text = testo(pdf)
    for atteso in (
        f"Protocollo n. {pratica.protocollo}",
        "Spett.le Mario Rossi (cliente, controinteressato)",
        "Via Roma 1, 00184 Roma (RM)",
        "avv. Giulia Bianchi (richiedente), PEC: giulia.bianchi@pec.example.it",
        "il Consigliere relatore Marco Verdi",
        "entro 10 giorni dal ricevimento",
    ):
        assert atteso in text, atteso

    # The notice to the lawyer by PEC: notifiche sends it through the simulated provider,
    # whose receipts say it was delivered.
    await attendi_consegna_pec(client, istanza.id, avviata.comunicazioni[1].id)
    # The client's notice goes by raccomandata: postale takes it to the print center.
    async with asyncio.timeout(30):
        while (await client.dettaglio(istanza.id)).comunicazioni[0].stato == "in_attesa":
            await asyncio.sleep(0.2)
