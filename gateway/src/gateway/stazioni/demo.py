"""The demo scanner station (development only): "Sportello demo" of the demo Ordine, its key
in ``var/demo/stazione.key`` (readable by its owner only), made at a gateway start when that
file does not exist.

The file is the only copy of the key, so while it exists nothing is done. When it is missing,
the process that manages to create it (several gateways may start together) revokes the
earlier demo stations, whose keys are gone with the file, makes a new one and writes its key.
"""

import contextlib
import os
from pathlib import Path

from gateway.stazioni.store import StazioniStore
from parcelle_kit import demo

NOME = "Sportello demo"
DA = "demo"


def percorso_chiave(var_dir: Path) -> Path:
    return demo.directory(var_dir) / "stazione.key"


async def seed_demo_stazione(stazioni: StazioniStore, var_dir: Path) -> Path:
    """Make the demo station if its key file is missing; the key file's path."""
    percorso = percorso_chiave(var_dir)
    if percorso.exists():
        return percorso
    percorso.parent.mkdir(parents=True, exist_ok=True)
    try:
        descrittore = os.open(percorso, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another gateway is making it
        return percorso
    try:
        for vecchia in await stazioni.elenco(demo.ORDINE):
            if vecchia.attiva and vecchia.nome == NOME:
                await stazioni.revoca(vecchia.id, da=DA)
        _, chiave = await stazioni.crea(nome=NOME, ordine=demo.ORDINE, da=DA)
        with os.fdopen(descrittore, "w", encoding="utf-8") as file:
            file.write(chiave + "\n")
    except BaseException:
        with contextlib.suppress(OSError):  # already closed by fdopen
            os.close(descrittore)
        percorso.unlink(missing_ok=True)
        raise
    return percorso
