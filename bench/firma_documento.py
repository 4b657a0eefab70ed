# pyhanko's PDF writer API (PdfFileWriter, DictionaryObject, insert_page, ...) carries no
# annotations; the one-page order is built with it.
# mypy: disable-error-code="no-untyped-call"
"""Benchmark: signing a one-page liquidation order (PAdES B-B, RSA-2048), `firma`'s path against
pyhanko's default path on the same document, in one run.

Run from the repository root::

    uv run --all-packages python bench/firma_documento.py [-n 200]

The key is the demo Ordine's (RSA-2048, a PKCS#12 file issued by the demo CA, generated in a
temporary directory). Each round signs the same PDF three ways, in rotating order:

- ``pyhanko default``: ``SimpleSigner.load_pkcs12_data`` once, then ``PdfSigner.async_sign_pdf``
  with its defaults (a dry-run signature to size the CMS, the key re-parsed at every signature,
  the document copied into a new output);
- ``pyhanko + bytes_reserved``: the same with the signature's size given;
- ``firma``: ``PadesDocumentSigner.sign`` (key parsed once, size reserved, signed in place).

It prints p50/p99 of each, then each path's time split into its parts, measured on a
step-by-step replica of ``async_sign_pdf`` (same calls, a clock between them): prepare (parse,
signing session, size estimate, signature dictionary), digest (write the update, hash the byte
ranges), sign (the CMS: signed attributes and the raw RSA signature, the latter also shown alone),
embed (the CMS into the reserved room, the bytes out); and the machine.
"""

import argparse
import asyncio
import io
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from figures import line, machine, percentile, reference_ms, show
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from firma.adapters.demo_pki import FilesystemDemoPki
from firma.adapters.keys import load_pkcs12
from firma.adapters.pades_signer import PadesDocumentSigner, reserved_size, signature_metadata
from firma.domain.firma import DatiFirma
from parcelle_kit import demo

DATI = DatiFirma(
    firmatario="Marco Verdi",
    motivo="Provvedimento di liquidazione",
    luogo=demo.ORDINE_NOME,
    livello="pades-b-b",
)
PARTS = ("prepare", "digest", "sign", "embed")
RAW: list[float] = []
"""Seconds of each raw signature operation (the private-key step inside "sign")."""


def timed_raw(signer: signers.Signer) -> signers.Signer:
    """``signer`` with its raw signature operation timed into :data:`RAW` (bench only)."""
    raw = signer.async_sign_raw

    async def sign_raw(data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        begin = time.perf_counter()
        try:
            return await raw(data, digest_algorithm, dry_run)
        finally:
            RAW.append(time.perf_counter() - begin)

    signer.async_sign_raw = sign_raw  # type: ignore[method-assign]
    return signer


def one_page_order() -> bytes:
    """A one-page order: header, 12 items with amounts, totals, signature block (Helvetica)."""
    rows = [
        "ORDINE DEGLI AVVOCATI DI DEMO - Provvedimento di liquidazione n. 2026/000123",
        "Richiedente: Avv. Giulia Bianchi - Cliente: Mario Rossi - Tribunale di Roma",
    ]
    rows += [
        f"Voce {n:2d}  fase {n % 4}  richiesto EUR {1275 + 137 * n},00  liquidato EUR "
        f"{1200 + 120 * n},00  motivazione: conforme ai parametri"
        for n in range(1, 13)
    ]
    rows += [
        "Totale liquidato EUR 24.760,00 - spese generali 15% - CPA 4% - IVA 22%",
        "Diritti di opinamento EUR 495,20",
        "Il consigliere relatore: Marco Verdi",
    ]
    text = " ".join(f"BT /F1 9 Tf 50 {780 - 18 * i} Td ({row}) Tj ET" for i, row in enumerate(rows))
    writer = PdfFileWriter()
    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    resources = generic.DictionaryObject(
        {
            generic.pdf_name("/Font"): generic.DictionaryObject(
                {generic.pdf_name("/F1"): writer.add_object(font)}
            )
        }
    )
    content = generic.StreamObject(stream_data=text.encode("latin-1"))
    page = PageObject(
        contents=writer.add_object(content), media_box=[0, 0, 595, 842], resources=resources
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def split(
    signer: signers.Signer, pdf: bytes, *, reserved: int | None, in_place: bool
) -> dict[str, float]:
    """``async_sign_pdf`` step by step (B-B: no validation, no timestamp), timed per part."""
    begin = time.perf_counter()
    buffer = io.BytesIO(pdf)
    writer = IncrementalPdfFileWriter(buffer, strict=False)
    pdf_signer = signers.PdfSigner(signature_metadata(DATI), signer)
    session = pdf_signer.init_signing_session(writer)
    info = await session.perform_presign_validation(writer)
    if reserved is None:  # pyhanko's default: a dry-run signature measures the CMS
        reserved = await session.estimate_signature_container_size(info, tight=False)
    tbs = session.prepare_tbs_document(validation_info=info, bytes_reserved=reserved)
    prepared = time.perf_counter()
    digest, output = tbs.digest_tbs_document(in_place=in_place)
    digested = time.perf_counter()
    RAW.clear()
    cms = await signer.async_sign(
        digest.document_digest,
        "sha256",
        use_pades=True,
        signed_attr_settings=PdfCMSSignedAttributes(signing_time=session.system_time),
    )
    signed = time.perf_counter()
    tbs.cms_writer.send(cms)
    output.seek(0)
    output.read()  # the signed bytes out, as getvalue() does on the service's buffer
    embedded = time.perf_counter()
    return {
        "prepare": prepared - begin,
        "digest": digested - prepared,
        "sign": signed - digested,
        "embed": embedded - signed,
        "raw": sum(RAW),
    }


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        pki = FilesystemDemoPki(
            Path(directory) / "demo",
            password="demo",
            avvocato=demo.AVVOCATO,
            ordine_nome=demo.ORDINE_NOME,
        )
        files = pki.ensure()
        p12 = files.ordine.read_bytes()
        simple = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=b"demo")
        loaded = load_pkcs12(files.ordine, b"demo")
        timed_simple = timed_raw(
            signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=b"demo")
        )
        timed_loaded = timed_raw(load_pkcs12(files.ordine, b"demo"))

        async def open_loaded() -> signers.Signer:
            return loaded

        ours = PadesDocumentSigner(open_loaded)
    pdf = one_page_order()
    reserved = reserved_size(loaded, timestamp=False)

    async def default() -> None:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        await signers.PdfSigner(signature_metadata(DATI), simple).async_sign_pdf(writer)

    async def with_reserved() -> None:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        pdf_signer = signers.PdfSigner(signature_metadata(DATI), simple)
        await pdf_signer.async_sign_pdf(writer, bytes_reserved=reserved)

    async def firma() -> None:
        await ours.sign(pdf, DATI)

    paths: dict[str, Callable[[], Awaitable[None]]] = {
        "pyhanko default": default,
        "pyhanko + bytes_reserved": with_reserved,
        "firma (PadesDocumentSigner.sign)": firma,
    }
    splits: dict[str, tuple[signers.Signer, int | None, bool]] = {
        "pyhanko default": (timed_simple, None, False),
        "pyhanko + bytes_reserved": (timed_simple, reserved, False),
        "firma (PadesDocumentSigner.sign)": (timed_loaded, reserved, True),
    }
    show(f"machine: {machine()}")
    show(f"reference loop before: {reference_ms():.1f} ms")
    show(f"document: one page, {len(pdf)} bytes; key RSA-2048 (PKCS#12); PAdES B-B; n={rounds}")
    for run in paths.values():  # warm up: imports, caches, the key opened once
        await run()
    samples: dict[str, list[float]] = {name: [] for name in paths}
    parts: dict[str, dict[str, list[float]]] = {
        name: {p: [] for p in (*PARTS, "raw")} for name in paths
    }
    names = list(paths)
    for index in range(rounds):
        order = names[index % 3 :] + names[: index % 3]
        for name in order:
            begin = time.perf_counter()
            await paths[name]()
            samples[name].append(time.perf_counter() - begin)
        for name in order:
            signer, room, in_place = splits[name]
            for part, seconds in (
                await split(signer, pdf, reserved=room, in_place=in_place)
            ).items():
                parts[name][part].append(seconds)
    show("")
    for name in names:
        show(line(name, samples[name], high=0.99))
    show("")
    header = "".join(f"{p:>9}" for p in PARTS)
    show(f"{'time split, p50 (ms)':<34}{header}{'sum':>9}   of sign: raw key op")
    for name in names:
        medians = [statistics.median(parts[name][p]) * 1000 for p in PARTS]
        raw_ms = statistics.median(parts[name]["raw"]) * 1000
        cells = "".join(f"{m:9.2f}" for m in medians)
        show(f"{name:<34}{cells}{sum(medians):9.2f}   {raw_ms:9.2f}")
    show("")
    fast = statistics.median(samples[names[2]]) * 1000
    slow = statistics.median(samples[names[0]]) * 1000
    show(
        f"firma p50 {fast:.1f} ms (p99 {percentile(samples[names[2]], 0.99):.1f} ms): "
        f"{slow / fast:.1f}x faster than pyhanko's default path; target p50 <= 20 ms"
    )
    show(f"reference loop after: {reference_ms():.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rounds", type=int, default=200)
    asyncio.run(main(parser.parse_args().rounds))
