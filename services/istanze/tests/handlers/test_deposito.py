"""The lawyer's way from a draft to a deposit, through the use cases with fakes of the ports
and a real SQLite store: the application PDF, the signature, the deposit and its receipt;
a redelivered request has one effect and the first answer; two deposits at once make one."""

import asyncio
from pathlib import Path

from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import Attore

from ..conftest import Servizio
from ..finti import API, AVVOCATO, SEGRETERIA, crea, pdf


async def allega_tutto(servizio: Servizio, attore: Attore = AVVOCATO) -> contratti.Istanza:
    """The draft's two required attachments; the view after the last."""
    vista = None
    for categoria in ("parcella", "prova_invio"):
        file = await servizio.carica(pdf(categoria), f"upload-{categoria}")
        vista = await servizio.istanze.aggiungi_allegato(
            contratti.AggiungiAllegato(
                correlation_id="istanza-1",
                ordine="DEMO",
                attore=attore,
                istanza_id="istanza-1",
                categoria=categoria,
                nome_file=f"{categoria}.pdf",
                file=file,
            )
        )
    assert vista is not None
    return vista


def deposita(firmato: object = None, attore: Attore = AVVOCATO) -> contratti.DepositaIstanza:
    return contratti.DepositaIstanza.model_validate(
        {
            "correlation_id": "istanza-1",
            "ordine": "DEMO",
            "attore": attore,
            "istanza_id": "istanza-1",
            "firmato": firmato,
        }
    )


def ricevute(tmp_path: Path) -> list[str]:
    """The keys of the receipts stored (the filesystem store keeps each under ``key~blob``)."""
    radice = tmp_path / "blobs" / "istanze"
    return sorted(
        p.relative_to(radice).as_posix().removesuffix("~blob")
        for p in radice.glob("ricevute/*/*~blob")
    )


async def test_a_draft_is_prepared_signed_and_deposited(servizio: Servizio) -> None:
    await servizio.imposta()
    bozza = await servizio.istanze.crea_bozza(crea(API))
    assert bozza.stato == "bozza"
    assert bozza.azioni == ["modifica", "allega"]  # the attachments are still missing
    assert bozza.cronologia[0].tramite == "api"

    pronta = await allega_tutto(servizio)
    assert pronta.mancanti == []
    assert pronta.azioni == ["modifica", "allega", "firma", "deposita"]

    documento = await servizio.deposito.prepara_documento(
        contratti.PreparaDocumento(
            correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
        )
    )
    generato = await servizio.blobs.get(documento.blob.key)
    assert generato.startswith(b"%PDF-")
    assert documento.nome_file == f"istanza-{bozza.codice}.pdf"
    (contesto,) = servizio.documenti.contesti
    assert contesto["ordine"]["nome"] == "Ordine degli Avvocati di Demo"  # from the copy

    firmato = await servizio.carica(generato + b"%firma\n", "upload-firmato")
    depositata = await servizio.deposito.deposita(deposita(firmato, API))

    assert depositata.stato == "depositata"
    assert depositata.firma is not None
    assert depositata.firma.tipo == "pades"
    assert depositata.firma.sha256 == firmato.sha256
    assert depositata.ricevuta_sha256 is not None
    assert depositata.azioni == ["rinuncia"]
    (originale,) = servizio.firma.verifiche
    assert originale.sha256 == documento.blob.sha256
    ultimo = depositata.cronologia[-1]
    assert (ultimo.stato, ultimo.chi, ultimo.ruolo, ultimo.tramite) == (
        "depositata",
        "Giulia Bianchi",
        "avvocato",
        "api",
    )
    ricevuta = servizio.documenti.contesti[-1]
    assert ricevuta["ordine"]["nome"] == "Ordine degli Avvocati di Demo"
    assert [d["sha256"] for d in ricevuta["documenti"][:2]] == [
        documento.blob.sha256,
        firmato.sha256,
    ]
    uscita = await servizio.uscita()
    assert [m["routing_key"] for m in uscita] == [
        "istanze.event.istanza_depositata",
        "pratica.DEMO.depositata",
        "notifiche.command.invia_comunicazione",
    ]
    assert uscita[0]["avvocato"]["tramite"] == "api"
    avviso = uscita[2]
    assert (avviso["messaggio"], avviso["canale"]) == ("ricevuta_deposito", "pec")
    (ricevuta_allegata,) = avviso["allegati"]
    deposito = (await servizio.caso()).deposito
    assert deposito is not None
    assert deposito.ricevuta is not None
    assert ricevuta_allegata["blob"]["sha256"] == deposito.ricevuta.sha256

    vista_segreteria = await servizio.istanze.dettaglio(
        contratti.DettaglioIstanza(
            correlation_id="x", ordine="DEMO", attore=SEGRETERIA, istanza_id="istanza-1"
        )
    )
    assert vista_segreteria.stato == "depositata"
    assert vista_segreteria.azioni == []  # the staff see none of the lawyer's actions


async def test_the_demo_signature_then_the_deposit(servizio: Servizio) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    await allega_tutto(servizio)
    firmata = await servizio.deposito.firma_demo(
        contratti.FirmaDemoIstanza(
            correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
        )
    )
    assert firmata.firma is not None
    assert firmata.cronologia[-1].descrizione.startswith("Documento firmato e verificato")
    depositata = await servizio.deposito.deposita(deposita())
    assert depositata.stato == "depositata"
    assert depositata.firma is not None
    assert depositata.firma.sha256 == firmata.firma.sha256


async def test_a_redelivered_deposit_has_one_effect_and_the_same_answer(
    servizio: Servizio, tmp_path: Path
) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    await allega_tutto(servizio)
    await servizio.deposito.firma_demo(
        contratti.FirmaDemoIstanza(
            correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
        )
    )
    messaggio = deposita()
    prima = await servizio.deposito.deposita(messaggio)
    uscita = await servizio.uscita()
    assert await servizio.deposito.deposita(messaggio) == prima
    assert await servizio.uscita() == uscita
    assert len(ricevute(tmp_path)) == 1
    caso = await servizio.caso()
    assert [e.stato for e in caso.cronologia].count("depositata") == 1


async def test_two_deposits_at_once_make_one_deposit_and_one_receipt(
    servizio: Servizio, tmp_path: Path
) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    await allega_tutto(servizio)
    await servizio.deposito.firma_demo(
        contratti.FirmaDemoIstanza(
            correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
        )
    )
    una, altra = await asyncio.gather(
        servizio.deposito.deposita(deposita()), servizio.deposito.deposita(deposita())
    )
    assert una.stato == altra.stato == "depositata"
    assert una.ricevuta_sha256 == altra.ricevuta_sha256
    eventi = [m["routing_key"] for m in await servizio.uscita()]
    assert eventi.count("istanze.event.istanza_depositata") == 1
    caso = await servizio.caso()
    assert caso.deposito is not None
    assert caso.deposito.ricevuta is not None
    # Both rendered a receipt before either recorded the deposit (they raced); the loser's
    # was deleted.
    assert sum(1 for contesto in servizio.documenti.contesti if "depositata_il" in contesto) == 2
    assert ricevute(tmp_path) == [caso.deposito.ricevuta.blob_key]
