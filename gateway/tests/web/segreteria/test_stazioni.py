"""Scanner stations: the key is shown once and kept only as its SHA-256; the secretariat's
page creates, lists and revokes (after a confirmation); the demo station and its key file."""

import hashlib
import stat
from pathlib import Path

import pytest
from fastapi import FastAPI

from gateway.config import GatewaySettings
from gateway.stazioni.demo import NOME, percorso_chiave, seed_demo_stazione
from gateway.stazioni.store import StazioneNonValidaError, StazioniStore

from ..pagine import Browser, Pagina


def store_bytes(var_dir: Path) -> bytes:
    """Everything the gateway's SQLite store holds on disk (the database and its WAL)."""
    return b"".join(path.read_bytes() for path in sorted(var_dir.glob("gateway.sqlite*")))


async def test_the_key_is_given_once_and_stored_only_as_its_hash(
    app: FastAPI, gateway_settings: GatewaySettings
) -> None:
    stazioni: StazioniStore = app.state.stazioni
    stazione, chiave = await stazioni.crea(nome=" Sportello   1 ", ordine="demo", da="segreteria")
    assert (stazione.nome, stazione.ordine, stazione.creata_da) == (
        "Sportello 1",
        "DEMO",
        "segreteria",
    )
    assert len(chiave) >= 43  # 32 random bytes, URL-safe
    assert chiave.replace("-", "").replace("_", "").isalnum()
    impronta = hashlib.sha256(chiave.encode()).hexdigest()
    su_disco = store_bytes(gateway_settings.var_dir)
    assert chiave.encode() not in su_disco
    assert impronta.encode() in su_disco
    assert await stazioni.per_chiave(chiave) == stazione
    assert await stazioni.per_chiave(chiave[:-1]) is None
    altra, altra_chiave = await stazioni.crea(nome="Sportello 2", ordine="DEMO", da="x")
    assert altra_chiave != chiave
    assert altra.id != stazione.id


async def test_names_are_checked_and_unique_among_active_stations(app: FastAPI) -> None:
    stazioni: StazioniStore = app.state.stazioni
    with pytest.raises(StazioneNonValidaError) as errore:
        await stazioni.crea(nome="  ", ordine="1X", da="x")
    assert set(errore.value.campi) == {"nome", "ordine"}
    with pytest.raises(StazioneNonValidaError):
        await stazioni.crea(nome="x" * 51, ordine="DEMO", da="x")
    stazione, _ = await stazioni.crea(nome="Sportello 1", ordine="DEMO", da="x")
    with pytest.raises(StazioneNonValidaError, match="già una stazione attiva"):
        await stazioni.crea(nome="Sportello 1", ordine="DEMO", da="x")
    await stazioni.crea(nome="Sportello 1", ordine="ALTRO", da="x")  # another Ordine: fine
    revocata = await stazioni.revoca(stazione.id, da="y")
    assert not revocata.attiva
    assert revocata.revocata_da == "y"
    assert await stazioni.revoca(stazione.id, da="z") == revocata  # revoking again: nothing
    await stazioni.crea(nome="Sportello 1", ordine="DEMO", da="x")  # the name is free again
    with pytest.raises(KeyError):
        await stazioni.revoca(stazione.id, da="y", ordine="ALTRO")


async def test_the_demo_station_key_file(app: FastAPI, gateway_settings: GatewaySettings) -> None:
    var_dir: Path = gateway_settings.var_dir
    stazioni: StazioniStore = app.state.stazioni
    percorso = percorso_chiave(var_dir)
    assert stat.S_IMODE(percorso.stat().st_mode) == 0o600
    chiave = percorso.read_text().strip()
    demo = await stazioni.per_chiave(chiave)
    assert demo is not None
    assert (demo.nome, demo.ordine, demo.attiva) == (NOME, "DEMO", True)

    await seed_demo_stazione(stazioni, var_dir)  # the file exists: nothing changes
    assert percorso.read_text().strip() == chiave
    percorso.unlink()  # the key is lost: a new demo station replaces the old one
    await seed_demo_stazione(stazioni, var_dir)
    nuova = percorso.read_text().strip()
    assert nuova != chiave
    vecchia = await stazioni.per_chiave(chiave)
    assert vecchia is not None
    assert not vecchia.attiva
    attive = [s for s in await stazioni.elenco("DEMO") if s.attiva]
    assert [s.nome for s in attive] == [NOME]


async def test_the_page_creates_a_station_and_shows_its_key_once(
    segreteria: Browser, app: FastAPI
) -> None:
    pagina = await segreteria.pagina("/segreteria/stazioni")
    assert "Sportello demo" in pagina.testo
    risposta = await segreteria.post(
        "/segreteria/stazioni", data={"csrf": pagina.csrf, "stazione.nome": "Sportello 1"}
    )
    assert risposta.status_code == 201
    creata = Pagina(risposta.text)
    chiave = creata.testo_di("chiave")
    assert len(chiave) >= 43
    avviso = creata.per_id("avviso-chiave")
    assert avviso.attributi["role"] == "alert"
    assert "solo adesso" in creata.testo_di("avviso-chiave")
    assert risposta.headers["cache-control"] == "no-store"
    stazioni: StazioniStore = app.state.stazioni
    trovata = await stazioni.per_chiave(chiave)
    assert trovata is not None
    assert (trovata.nome, trovata.ordine, trovata.creata_da) == (
        "Sportello 1",
        "DEMO",
        "segreteria.demo",
    )

    elenco = await segreteria.pagina("/segreteria/stazioni")
    assert "Sportello 1" in elenco.testo
    assert chiave not in elenco.html


async def test_the_page_says_what_is_wrong_with_a_name(segreteria: Browser) -> None:
    csrf = await segreteria.csrf("/segreteria/stazioni")
    risposta = await segreteria.post(
        "/segreteria/stazioni", data={"csrf": csrf, "stazione.nome": "Sportello demo"}
    )
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    assert "già una stazione attiva" in pagina.testo_di("f-stazione-nome-errore")
    assert pagina.valore("stazione.nome") == "Sportello demo"
    assert pagina.per_id("riepilogo-errori").attributi["role"] == "alert"


async def test_revocation_asks_for_confirmation(segreteria: Browser, app: FastAPI) -> None:
    stazioni: StazioniStore = app.state.stazioni
    stazione, chiave = await stazioni.crea(nome="Sportello 9", ordine="DEMO", da="x")
    elenco = await segreteria.pagina("/segreteria/stazioni")
    assert f'href="/segreteria/stazioni/{stazione.id}/revoca"' in elenco.html

    conferma = await segreteria.pagina(f"/segreteria/stazioni/{stazione.id}/revoca")
    assert "Vuoi revocare la stazione «Sportello 9»?" in conferma.testo
    assert "non si può annullare" in conferma.testo
    trovata = await stazioni.per_chiave(chiave)
    assert trovata is not None
    assert trovata.attiva  # asking is not revoking

    risposta = await segreteria.post(
        f"/segreteria/stazioni/{stazione.id}/revoca", data={"csrf": conferma.csrf}
    )
    assert risposta.status_code == 303
    pagina = await segreteria.pagina(risposta.headers["location"])
    assert "Stazione «Sportello 9» revocata" in pagina.testo_di("esito")
    revocata = await stazioni.per_chiave(chiave)
    assert revocata is not None
    assert not revocata.attiva
    assert revocata.revocata_da == "segreteria.demo"


async def test_another_ordines_station_is_not_found(segreteria: Browser, app: FastAPI) -> None:
    stazioni: StazioniStore = app.state.stazioni
    altra, chiave = await stazioni.crea(nome="Sportello X", ordine="ALTRO", da="x")
    assert "Sportello X" not in (await segreteria.pagina("/segreteria/stazioni")).testo
    assert (await segreteria.get(f"/segreteria/stazioni/{altra.id}/revoca")).status_code == 404
    csrf = await segreteria.csrf("/segreteria/stazioni")
    risposta = await segreteria.post(f"/segreteria/stazioni/{altra.id}/revoca", data={"csrf": csrf})
    assert risposta.status_code == 404
    ancora = await stazioni.per_chiave(chiave)
    assert ancora is not None
    assert ancora.attiva
