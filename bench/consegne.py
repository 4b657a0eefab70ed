"""Benchmark: N notices queued at once, delivered by `notifiche` to a local SMTP server.

Run from the repository root (RabbitMQ must answer)::

    uv run --all-packages python bench/consegne.py [-n 200]

It starts `notifiche` alone as its own process (``parcelle run notifiche``, fresh var directory
and bus namespace) sending to an SMTP server (aiosmtpd) in this process, gives it the Ordine's
settings and one warm-up notice (untimed), then publishes N ``InviaComunicazione`` at once,
each with a 60 KB PDF attached from the blob store. For each it takes the time from the
command's publication to the SMTP server's acceptance of its mail (matched by the Message-ID,
derived from the command's id). It prints the machine, messages per second, p50/p99 of that
latency, and the peak resident memory of the `notifiche` process. Nothing is asserted.
"""

import argparse
import asyncio
import hashlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from figures import line, machine, percentile, show
from opentelemetry.sdk.trace import TracerProvider
from sistema import AMQP_URL, delete_exchanges

from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.comunicazioni import DatiComunicazione, Destinatario, InviaComunicazione
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniOrdineCambiate
from parcelle_kit.bus import Publisher, build_broker, declare_exchanges, topology_of
from parcelle_kit.settings import Settings
from parcelle_kit.stores import build_blob_store
from parcelle_testing.comando import PARCELLE, free_port

ORDINE = ImpostazioniOrdine(codice="DEMO", versione=1, nome="Ordine degli Avvocati (demo)")
PDF = b"%PDF-1.7\n" + os.urandom(60 * 1024) + b"\n%%EOF\n"


class Ricevente:
    """The SMTP server's handler: when each Message-ID was accepted."""

    def __init__(self) -> None:
        self.accettati: dict[str, float] = {}

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        contenuto = envelope.original_content or b""
        for riga in contenuto.split(b"\r\n\r\n", 1)[0].splitlines():
            if riga.lower().startswith(b"message-id:"):
                identificativo = riga.split(b":", 1)[1].strip().decode()
                self.accettati.setdefault(identificativo, time.perf_counter())
        return "250 Message accepted for delivery"


def rss_picco(pid: int) -> int:
    """The process's peak resident memory (VmHWM) in KiB."""
    for riga in Path(f"/proc/{pid}/status").read_text().splitlines():
        if riga.startswith("VmHWM:"):
            return int(riga.split()[1])
    return 0


def figli(pid: int) -> list[int]:
    """``parcelle run`` may start the service in a child process: every descendant."""
    trovati = []
    for voce in Path("/proc").iterdir():
        if voce.name.isdigit():
            try:
                padre = int((voce / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
            if padre == pid:
                trovati.append(int(voce.name))
                trovati.extend(figli(int(voce.name)))
    return trovati


async def allegato(settings: Settings) -> FileRef:
    store = build_blob_store(settings, "acquisizione")
    await store.open()

    async def uno() -> AsyncIterator[bytes]:
        yield PDF

    await store.put("bench/avviso.pdf", uno(), max_size=len(PDF), content_type="application/pdf")
    await store.close()
    blob = BlobRef(
        area="acquisizione",
        key="bench/avviso.pdf",
        sha256=hashlib.sha256(PDF).hexdigest(),
        size=len(PDF),
    )
    return FileRef(blob=blob, nome_file="avvio.pdf", content_type="application/pdf")


def comando(i: int, documento: FileRef) -> InviaComunicazione:
    return InviaComunicazione(
        correlation_id=f"bench-{i}",
        ordine=ORDINE.codice,
        istanza_id=f"istanza-{i}",
        comunicazione_id=f"c-{i}",
        messaggio="avvio_procedimento",
        canale="pec" if i % 2 else "email",
        destinatario=Destinatario(
            nome=f"Cliente {i}", email=f"cliente{i}@example.it", pec=f"cliente{i}@pec.example"
        ),
        dati=DatiComunicazione(protocollo=f"2026/{i:06d}", avvocato="Maria Rossi", giorni=10),
        allegati=[documento],
    )


async def attendi(ricevente: Ricevente, quanti: int, processo: subprocess.Popen[Any]) -> None:
    async with asyncio.timeout(600):
        while len(ricevente.accettati) < quanti:
            if processo.poll() is not None:
                raise SystemExit(f"notifiche stopped (code {processo.returncode})")
            await asyncio.sleep(0.01)


async def main(n: int) -> None:
    show(f"machine: {machine()}")
    ricevente = Ricevente()
    porta = free_port()
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(ricevente, hostname="bench-smtp"), "127.0.0.1", porta
    )
    namespace = f"bench{secrets.token_hex(3)}"
    with tempfile.TemporaryDirectory() as var:
        settings = Settings(var_dir=Path(var), bus_namespace=namespace, queue_expires_ms=60_000)
        env = {
            **os.environ,
            "PARCELLE_VAR_DIR": var,
            "PARCELLE_BUS_NAMESPACE": namespace,
            "PARCELLE_QUEUE_EXPIRES_MS": "60000",
            "PARCELLE_NOTIFICHE_SMTP_HOST": "127.0.0.1",
            "PARCELLE_NOTIFICHE_SMTP_PORT": str(porta),
            "PARCELLE_NOTIFICHE_SMTP_TLS": "none",
            "PARCELLE_NOTIFICHE_PEC_TRASPORTO": "smtp",
            "PARCELLE_LOG_LEVEL": "WARNING",
        }
        broker = build_broker(settings, process="bench", tracer_provider=TracerProvider())
        await broker.connect()
        await declare_exchanges(broker, topology_of(settings))
        await broker.start()
        publisher = Publisher(broker, topology_of(settings))
        processo = subprocess.Popen(
            [PARCELLE, "run", "notifiche"], env=env, stderr=subprocess.DEVNULL
        )
        try:
            documento = await allegato(settings)
            await asyncio.sleep(3)  # the service declares its queues
            await publisher.publish(
                ImpostazioniOrdineCambiate(
                    correlation_id="bench", ordine=ORDINE.codice, impostazioni=ORDINE
                )
            )
            await asyncio.sleep(0.5)
            riscaldamento = comando(-1, documento)
            await publisher.publish(riscaldamento)
            await attendi(ricevente, 1, processo)
            ricevente.accettati.clear()

            comandi = [comando(i, documento) for i in range(n)]
            pubblicati: dict[str, float] = {}
            inizio = time.perf_counter()
            for msg in comandi:
                pubblicati[msg.message_id] = time.perf_counter()
                await publisher.publish(msg)
            await attendi(ricevente, n, processo)
            fine = max(ricevente.accettati.values())
            pid = [processo.pid, *figli(processo.pid)]
            memoria = max(rss_picco(p) for p in pid)
        finally:
            processo.terminate()
            processo.wait(timeout=60)
            await broker.stop()
            server.close()
            await delete_exchanges(AMQP_URL, namespace)

    latenze = []
    for identificativo, accettato in ricevente.accettati.items():
        message_id = identificativo.strip("<>").split("@", 1)[0]
        latenze.append(accettato - pubblicati[message_id])
    show(f"{n} notices (60 KB PDF attached, e-mail and PEC alternating), queued at once")
    show(
        f"delivered: {len(latenze)} in {fine - inizio:.2f} s = {n / (fine - inizio):.1f} messages/s"
    )
    show(line("command published -> accepted by SMTP", latenze, high=0.99))
    show(f"p99 {percentile(latenze, 0.99):.1f} ms; peak RSS of notifiche: {memoria / 1024:.1f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="notices queued at once")
    sys.exit(asyncio.run(main(parser.parse_args().n)))
