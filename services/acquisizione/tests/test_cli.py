"""``parcelle ordini mostra|imposta``, run as the installed console script on a var dir of the
test's own: what it sets is what the service then reads, each change is announced once with the
next version, and bad input is refused in Italian without changing or announcing anything."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from acquisizione.bootstrap import service, unit_of_work
from parcelle_contracts.ordini import ImpostazioniOrdine, Relatore
from parcelle_contracts.vocabolario import MB
from parcelle_kit.bus.outgoing import Outgoing
from parcelle_kit.outbox import OUTBOX
from parcelle_kit.store.ports import ASCENDING
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.comando import parcelle


async def salvate(var_dir: Path) -> tuple[ImpostazioniOrdine | None, list[dict[str, Any]]]:
    """The DEMO settings stored, and the announcements staged, in the command's store."""
    store = SqliteStore(var_dir / "acquisizione.sqlite")
    await store.open(service.indexes)
    try:
        letto = await store.run(lambda tx: unit_of_work(tx).impostazioni.leggi("DEMO"))
        staged = await store.run(
            lambda tx: tx.find(OUTBOX, sort=[("staged_at", ASCENDING), ("position", ASCENDING)])
        )
    finally:
        await store.close()
    uscita = [
        {"routing_key": d["routing_key"], **Outgoing.from_document(d).payload()} for d in staged
    ]
    return letto, uscita


async def test_what_the_command_sets_the_service_reads(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    predefinite = parcelle(var_dir, "ordini", "mostra", "demo")
    assert predefinite.returncode == 0, predefinite.stderr
    assert json.loads(predefinite.stdout)["termine_giorni"] == 90

    impostate = parcelle(
        var_dir,
        *("ordini", "imposta", "DEMO", "--nome", "Ordine degli Avvocati di Demo"),
        *(
            "--relatore",
            "consigliere.demo=Marco Verdi",
            "--relatore",
            "consigliere.rossi=Maria Rossi:2",
        ),
        *("--assegnazione-automatica", "si", "--marca-da-bollo", "sì", "--termine-giorni", "60"),
    )
    assert impostate.returncode == 0, impostate.stderr
    assert "salvate" in impostate.stderr

    letto, uscita = await salvate(var_dir)
    assert letto is not None
    assert letto.versione == 1
    assert letto.nome == "Ordine degli Avvocati di Demo"
    assert letto.relatori == (
        Relatore(username="consigliere.demo", nome="Marco Verdi"),
        Relatore(username="consigliere.rossi", nome="Maria Rossi", peso=2),
    )
    assert (letto.assegnazione_automatica, letto.marca_da_bollo, letto.termine_giorni) == (
        True,
        True,
        60,
    )
    # Announced once, whole, to whoever keeps a copy (the service's relay publishes it).
    (annuncio,) = uscita
    assert annuncio["routing_key"] == "acquisizione.event.impostazioni_ordine_cambiate"
    assert annuncio["ordine"] == "DEMO"
    assert ImpostazioniOrdine.model_validate(annuncio["impostazioni"]) == letto
    # Only what is given changes.
    assert parcelle(var_dir, "ordini", "imposta", "DEMO", "--pec", "o@pec.it").returncode == 0
    dopo = json.loads(parcelle(var_dir, "ordini", "mostra", "DEMO").stdout)
    assert (dopo["pec"], dopo["termine_giorni"], len(dopo["relatori"])) == ("o@pec.it", 60, 2)
    assert dopo["versione"] == 2
    _, uscita = await salvate(var_dir)
    assert [a["impostazioni"]["versione"] for a in uscita] == [1, 2]


async def test_the_application_rules_are_set_and_shown(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    predefinite = json.loads(parcelle(var_dir, "ordini", "mostra", "DEMO").stdout)
    assert predefinite["versione"] == 0
    assert predefinite["istanze"]["firma_digitale_obbligatoria"] is True
    esito = parcelle(
        var_dir, "ordini", "imposta", "DEMO", "--firma-digitale", "no", "--max-file-mb", "8"
    )
    assert esito.returncode == 0, esito.stderr
    mostrate = json.loads(parcelle(var_dir, "ordini", "mostra", "DEMO").stdout)
    assert mostrate["istanze"]["firma_digitale_obbligatoria"] is False
    assert mostrate["istanze"]["max_dimensione_file"] == 8 * MB
    # The other application rules stay as they were.
    assert mostrate["istanze"]["requisiti"] == predefinite["istanze"]["requisiti"]
    letto, uscita = await salvate(var_dir)
    assert letto is not None
    assert (letto.versione, letto.istanze.max_dimensione_file) == (1, 8 * MB)
    assert len(uscita) == 1


async def test_bad_input_is_refused_in_italian_and_changes_nothing(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    rifiuti = {
        ("imposta", "DEMO", "--termine-giorni", "0"): "indica da 1 a 3650 giorni",
        ("imposta", "DEMO", "--relatore", "consigliere.demo"): "USERNAME=Nome Cognome",
        ("imposta", "DEMO", "--marca-da-bollo", "forse"): "indica si oppure no",
        ("imposta", "12", "--pec", "x@pec.it"): "da 2 a 32 lettere",
        ("imposta", "DEMO", "--senza-relatori", "--assegnazione-automatica", "si"): (
            "richiede almeno un consigliere relatore"
        ),
        ("imposta", "DEMO", "--firma-digitale", "forse"): "indica si oppure no",
        ("imposta", "DEMO", "--max-file-mb", "0"): "indica da 1 a 1024 MB",
        ("imposta", "DEMO", "--max-file-mb", "500"): "non può superare la dimensione massima",
    }
    for argomenti, messaggio in rifiuti.items():
        esito = parcelle(var_dir, "ordini", *argomenti)
        assert esito.returncode in (1, 2), argomenti
        assert messaggio in esito.stderr, (argomenti, esito.stderr)
        assert esito.stdout == ""
    assert json.loads(parcelle(var_dir, "ordini", "mostra", "DEMO").stdout)["pec"] == ""
    assert await salvate(var_dir) == (None, [])


def test_the_review_rules_and_the_council_fee_are_options() -> None:
    import argparse

    from acquisizione.cli import cambi_richiesti, register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="comando"))
    args = parser.parse_args(
        [
            "ordini",
            "imposta",
            "LECCE",
            "--attendi-osservazioni",
            "no",
            "--diritti-diritto-fisso",
            "50",
            "--diritti-percentuale",
            "3",
            "--diritti-soglia",
            "100.000,00",
            "--diritti-percentuale-oltre-soglia",
            "1",
            "--diritti-esenzione-sotto",
            "1500",
            "--diritti-massimo",
            "nessuno",
        ]
    )
    cambi = cambi_richiesti(args)
    assert cambi["revisione"]["attendi_osservazioni"] is False
    diritti = cambi["revisione"]["diritti"]
    assert diritti["soglia"] == Decimal("100000.00")
    assert diritti["massimo"] is None
    assert diritti["diritto_fisso"] == Decimal("50")
