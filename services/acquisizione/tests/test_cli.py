"""``parcelle ordini mostra|imposta``, run as the installed console script on a var dir of the
test's own: what it sets is what the service then reads, and bad input is refused in Italian
without changing anything."""

import json
from pathlib import Path

from acquisizione.adapters.registro import INDEXES, Registro
from acquisizione.domain.assegnazione import Relatore
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.comando import parcelle


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

    store = SqliteStore(var_dir / "acquisizione.sqlite")
    await store.open(INDEXES)
    try:
        letto = await store.run(lambda tx: Registro(tx).impostazioni("DEMO"))
    finally:
        await store.close()
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
    # Only what is given changes.
    assert parcelle(var_dir, "ordini", "imposta", "DEMO", "--pec", "o@pec.it").returncode == 0
    dopo = json.loads(parcelle(var_dir, "ordini", "mostra", "DEMO").stdout)
    assert (dopo["pec"], dopo["termine_giorni"], len(dopo["relatori"])) == ("o@pec.it", 60, 2)


def test_bad_input_is_refused_in_italian_and_changes_nothing(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    rifiuti = {
        ("imposta", "DEMO", "--termine-giorni", "0"): "indica da 1 a 3650 giorni",
        ("imposta", "DEMO", "--relatore", "consigliere.demo"): "USERNAME=Nome Cognome",
        ("imposta", "DEMO", "--marca-da-bollo", "forse"): "indica si oppure no",
        ("imposta", "12", "--pec", "x@pec.it"): "da 2 a 32 lettere",
        ("imposta", "DEMO", "--senza-relatori", "--assegnazione-automatica", "si"): (
            "richiede almeno un consigliere relatore"
        ),
    }
    for argomenti, messaggio in rifiuti.items():
        esito = parcelle(var_dir, "ordini", *argomenti)
        assert esito.returncode in (1, 2), argomenti
        assert messaggio in esito.stderr, (argomenti, esito.stderr)
        assert esito.stdout == ""
    assert json.loads(parcelle(var_dir, "ordini", "mostra", "DEMO").stdout)["pec"] == ""
