"""Uploaded PDFs: read by qpdf within limits, refused with a reason the lawyer understands when
unreadable, padded with other data, or carrying active content; accepted untouched otherwise.
The files are built here as an attacker or a careless program would build them."""

import contextlib
import io
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcelle_kit.pdf.inspection import Limits, PdfRefusedError, inspect_pdf
from parcelle_testing.avvocato import small_pdf


def build(change: Callable[[pikepdf.Pdf], None] = lambda _: None) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def refusal(data: bytes, limits: Limits | None = None) -> PdfRefusedError:
    with pytest.raises(PdfRefusedError) as refused:
        inspect_pdf(data, limits or Limits())
    assert refused.value.codice == "pdf_non_ammesso"
    return refused.value


def action(pdf: pikepdf.Pdf, **entries: Any) -> pikepdf.Dictionary:
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Action, **entries))


def test_a_plain_pdf_is_accepted() -> None:
    inspect_pdf(build())
    inspect_pdf(build() + b"\r\n\x00\n")  # what some programs leave after the end


def test_a_rendered_document_with_fonts_links_and_an_open_at_page_one_is_accepted() -> None:
    inspect_pdf(small_pdf('Parcella <a href="https://www.example.it">sito</a>'))

    def goto(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    inspect_pdf(build(goto))


def test_javascript_run_at_opening_is_refused_and_named() -> None:
    def javascript(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = action(pdf, S=pikepdf.Name.JavaScript, JS="app.alert(1)")

    refused = refusal(build(javascript))
    assert refused.trovati == ("codice JavaScript",)
    assert "codice JavaScript" in refused.messaggio


def test_javascript_in_a_stream_behind_a_page_action_is_refused() -> None:
    def hidden(pdf: pikepdf.Pdf) -> None:
        script = pdf.make_stream(b"this.exportDataObject({cName: 'x'})")
        page = pdf.pages[0]
        page.obj.AA = pikepdf.Dictionary(O=action(pdf, S=pikepdf.Name.JavaScript, JS=script))

    assert refusal(build(hidden)).trovati == ("codice JavaScript",)


def test_launch_actions_forms_that_submit_and_embedded_files_are_refused() -> None:
    def launch(pdf: pikepdf.Pdf) -> None:
        annotation = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 100, 100],
            A=action(pdf, S=pikepdf.Name.Launch, F="cmd.exe"),
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([annotation]))

    def submit(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = action(pdf, S=pikepdf.Name.SubmitForm, F="https://x.example")

    def attached(pdf: pikepdf.Pdf) -> None:
        pdf.attachments["fattura.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")

    def xfa(pdf: pikepdf.Pdf) -> None:
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[], XFA=pdf.make_stream(b"<xdp/>"))

    assert "un comando che avvia programmi" in refusal(build(launch)).trovati
    assert "un modulo che invia dati" in refusal(build(submit)).trovati
    assert "file incorporati" in refusal(build(attached)).trovati
    assert "un modulo XFA" in refusal(build(xfa)).trovati


def test_what_is_not_a_whole_pdf_is_refused() -> None:
    whole = build()
    assert "incompleto" in refusal(whole[:60]).messaggio
    assert "non è un PDF" in refusal(b"PK\x03\x04" + whole).messaggio
    html = b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n"
    refusal(html)
    refusal(html + b"%%EOF\n")


def test_data_after_the_end_of_the_pdf_is_refused() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.js", "alert(1)")
    refused = refusal(build() + archive.getvalue())
    assert "altri dati" in refused.messaggio


def test_limits_on_size_once_inflated_on_nesting_and_on_objects() -> None:
    def bomb(pdf: pikepdf.Pdf) -> None:
        inflated = zlib.compress(b"\0" * (4 * 1024 * 1024), 9)
        stream = pikepdf.Stream(pdf, inflated)
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].obj.Bomba = pdf.make_indirect(stream)

    def nested(pdf: pikepdf.Pdf) -> None:
        value: pikepdf.Object = pikepdf.Array([1])
        for _ in range(20):
            value = pikepdf.Array([value])
        pdf.pages[0].obj.Nido = value

    assert "troppo spazio" in refusal(build(bomb), Limits(max_decompressed=1024 * 1024)).messaggio
    inspect_pdf(build(bomb))  # within the default limit
    assert "complesso" in refusal(build(nested), Limits(max_depth=10)).messaggio
    assert "complesso" in refusal(build(), Limits(max_objects=2)).messaggio


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_get_an_answer_or_a_refusal_never_a_crash(tail: bytes) -> None:
    with contextlib.suppress(PdfRefusedError):
        inspect_pdf(b"%PDF-1.7\n" + tail)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0), st.binary(min_size=1, max_size=40))
def test_a_damaged_pdf_gets_a_refusal_never_a_crash(position: int, garbage: bytes) -> None:
    whole = build()
    cut = position % len(whole)
    with contextlib.suppress(PdfRefusedError):
        inspect_pdf(whole[:cut] + garbage + whole[cut + len(garbage) :])
