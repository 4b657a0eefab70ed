"""What may change between the original and the signed revision: a signature, metadata."""

# pyhanko's PDF writer API carries no annotations; building test PDFs is all about calling it.
# mypy: disable-error-code="no-untyped-call"

import hashlib
import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from firma.adapters.revisions import only_signature_added, original_revisions
from firma.domain.esame import Impronta

from ..conftest import Pki
from ..support import make_pdf, sign_pades


def updated(pdf: bytes, change: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if change == "title":
        writer.document_meta.title = "Istanza di opinamento"
    elif change == "annotation":
        page_ref = writer.root["/Pages"]["/Kids"].raw_get(0).reference
        note = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (72, 700, 300, 730)]
                ),
                generic.pdf_name("/Contents"): generic.TextStringObject("Totale EUR 9.999,00"),
            }
        )
        writer.register_annotation(page_ref, writer.add_object(note))
    elif change == "catalog":
        # A whole new document behind a new catalog; the original's objects stay untouched.
        old_page = writer.root["/Pages"]["/Kids"][0]
        content = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 720 Td (Totale 9.999) Tj ET")
        page = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Page"),
                generic.pdf_name("/MediaBox"): old_page.raw_get("/MediaBox"),
                generic.pdf_name("/Resources"): old_page.raw_get("/Resources"),
                generic.pdf_name("/Contents"): writer.add_object(content),
            }
        )
        page_ref = writer.add_object(page)
        pages_ref = writer.add_object(
            generic.DictionaryObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/Pages"),
                    generic.pdf_name("/Kids"): generic.ArrayObject([page_ref]),
                    generic.pdf_name("/Count"): generic.NumberObject(1),
                }
            )
        )
        page[generic.pdf_name("/Parent")] = pages_ref
        catalog = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Catalog"),
                generic.pdf_name("/Pages"): pages_ref,
            }
        )
        writer._root = writer.add_object(catalog)  # pyhanko has no API to swap the catalog
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def judged(original: bytes, signed: bytes) -> bool | None:
    """None: the file does not even extend the original."""
    impronta = Impronta(hashlib.sha256(original).hexdigest(), len(original))
    reader = PdfFileReader(io.BytesIO(signed))
    revisions = original_revisions(reader, signed, impronta)
    if revisions is None:
        return None
    (signature,) = reader.embedded_regular_signatures
    return only_signature_added(reader, revisions, signature.signed_revision)


async def test_the_signature_alone_is_accepted(pki: Pki, pdf: bytes) -> None:
    assert judged(pdf, await sign_pades(pdf, pki.avvocato)) is True


async def test_document_information_may_change_before_signing(pki: Pki, pdf: bytes) -> None:
    signed = await sign_pades(updated(pdf, "title"), pki.avvocato)
    assert judged(pdf, signed) is True


async def test_an_annotation_added_before_signing_is_a_different_document(
    pki: Pki, pdf: bytes
) -> None:
    signed = await sign_pades(updated(pdf, "annotation"), pki.avvocato)
    assert judged(pdf, signed) is False


async def test_a_file_that_does_not_start_with_the_original(pki: Pki, pdf: bytes) -> None:
    other = make_pdf("altro")
    assert judged(pdf, await sign_pades(other, pki.avvocato)) is None


async def test_the_signature_inside_the_original_is_not_ours(pki: Pki, pdf: bytes) -> None:
    """If the "original" is itself signed, the signature was not added after it."""
    signed = await sign_pades(pdf, pki.avvocato)
    assert judged(signed, signed) is False


async def test_a_new_catalog_is_a_different_document(pki: Pki, pdf: bytes) -> None:
    changed = updated(pdf, "catalog")
    assert changed.startswith(pdf)
    assert b"9.999" in changed
    assert judged(pdf, await sign_pades(changed, pki.avvocato)) is False
