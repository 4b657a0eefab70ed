"""Is a signed PDF the original application plus nothing but a signature?

Lawyers' signing tools append the signature to the PDF as an incremental update, so the
signed file starts with the original's bytes and its first revisions are the original's.
That alone is not enough: one could append an update that changes the amounts and then sign.
So every object the updates up to the signed revision overwrite is compared with the original
and may differ only where a signature lives: the catalog's form, permissions, DSS, version and
metadata; a page's annotations, where only signature widgets may be added; the document
information dictionary. pyhanko's own difference analysis cannot judge this step (it needs a
form in the base revision, and an unsigned original has none), but it judges everything after
the signature, which :mod:`firma.adapters.pades` asks of it.
"""

import io
from typing import Any

from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader

from firma.domain.esame import Impronta

_CATALOG_FREE = frozenset({"/AcroForm", "/Perms", "/DSS", "/Extensions", "/Version", "/Metadata"})
_ACROFORM_FREE = frozenset({"/Fields", "/SigFlags", "/DR"})


def original_revisions(reader: PdfFileReader, data: bytes, originale: Impronta) -> int | None:
    """How many revisions of ``reader`` are the original's, or None if it does not extend it.

    The file must start with the original's bytes and its revision chain must pass through
    the original's last cross-reference section.
    """
    if not originale.inizia(data):
        return None
    try:
        prefix = PdfFileReader(io.BytesIO(data[: originale.size]), strict=True)
        count: int = prefix.xrefs.total_revisions
        last = prefix.xrefs.get_startxref_for_revision(count - 1)
    except (misc.PdfError, ValueError, KeyError, IndexError):
        return None
    if count > reader.xrefs.total_revisions:
        return None
    if reader.xrefs.get_startxref_for_revision(count - 1) != last:
        return None
    return count


def _same_except(old: Any, new: Any, free: frozenset[str]) -> bool:
    if not isinstance(old, generic.DictionaryObject) or not isinstance(
        new, generic.DictionaryObject
    ):
        return False
    keys = (set(old) | set(new)) - free
    # raw_get: compare references, not what they point to (a changed target is itself an
    # overwritten object and gets its own check).
    return all(k in old and k in new and old.raw_get(k) == new.raw_get(k) for k in keys)


def _extends(old: Any, new: Any) -> bool:
    """``new`` is ``old`` with items appended (annotations, form fields)."""
    return (
        isinstance(old, generic.ArrayObject)
        and isinstance(new, generic.ArrayObject)
        and list(new)[: len(old)] == list(old)  # list(): the raw items, not dereferenced
    )


def _raw(container: generic.DictionaryObject, key: str) -> Any:
    return container.raw_get(key) if key in container else None


def _is_signature_widget(annotation: Any) -> bool:
    annotation = annotation.get_object() if hasattr(annotation, "get_object") else annotation
    if not isinstance(annotation, generic.DictionaryObject):
        return False
    if annotation.get("/Subtype") != "/Widget":
        return False
    field_type = annotation.get("/FT")
    if field_type is None and "/Parent" in annotation:
        field_type = annotation["/Parent"].get("/FT")
    return bool(field_type == "/Sig")


class _Comparison:
    """Compares the original's last revision with the signed one, object by object."""

    def __init__(self, reader: PdfFileReader, last: int, signed: int) -> None:
        self.reader = reader
        self.last = last
        self.old: HistoricalResolver = reader.get_historical_resolver(last)
        self.new: HistoricalResolver = reader.get_historical_resolver(signed)
        old_root = self.old.root
        self.root_ref = self.old.root_ref
        info = self.old.trailer_view.raw_get("/Info") if "/Info" in self.old.trailer_view else None
        self.info_ref = info.reference if isinstance(info, generic.IndirectObject) else None
        acroform = _raw(old_root, "/AcroForm")
        self.acroform_ref = (
            acroform.reference if isinstance(acroform, generic.IndirectObject) else None
        )
        self.arrays: set[generic.Reference] = set()  # annotation and field arrays, if indirect
        for page_ref in self._pages():
            annots = _raw(self.old(page_ref), "/Annots")
            if isinstance(annots, generic.IndirectObject):
                self.arrays.add(annots.reference)
        if acroform is not None:
            fields = _raw(acroform.get_object(), "/Fields")
            if isinstance(fields, generic.IndirectObject):
                self.arrays.add(fields.reference)

    def _pages(self) -> list[generic.Reference]:
        pages: list[generic.Reference] = []
        pending = [self.old.root.raw_get("/Pages")]
        while pending and len(pages) < 100_000:
            node_ref = pending.pop()
            node = node_ref.get_object()
            if node.get("/Type") == "/Pages":
                pending.extend(list(node["/Kids"]))
            else:
                pages.append(node_ref.reference)
        return pages

    def existed(self, ref: generic.Reference) -> bool:
        return self.reader.xrefs.get_historical_ref(ref, self.last) is not None

    def allowed(self, ref: generic.Reference) -> bool:
        old = self.old(ref)
        new = self.new(ref)
        if ref == self.root_ref:
            return _same_except(old, new, _CATALOG_FREE)
        if ref == self.info_ref:
            return True  # metadata (producer, dates): not part of what is shown
        if ref == self.acroform_ref:
            if not _same_except(old, new, _ACROFORM_FREE):
                return False
            old_fields, new_fields = _raw(old, "/Fields"), _raw(new, "/Fields")
            return old_fields == new_fields or _extends(old_fields, new_fields)
        if ref in self.arrays:
            return _extends(old, new) and all(map(_is_signature_widget, list(new)[len(old) :]))
        if isinstance(old, generic.StreamObject) and old.get("/Type") == "/Metadata":
            return True  # XMP metadata, rewritten by some tools with the modification date
        if isinstance(old, generic.DictionaryObject) and old.get("/Type") == "/Page":
            if not _same_except(old, new, frozenset({"/Annots"})):
                return False
            old_annots, new_annots = _raw(old, "/Annots"), _raw(new, "/Annots")
            if old_annots == new_annots:
                return True
            if isinstance(new_annots, generic.IndirectObject) and old_annots is None:
                return all(map(_is_signature_widget, list(new_annots.get_object())))  # type: ignore[no-untyped-call]
            if isinstance(old_annots, generic.IndirectObject):
                return False  # replacing the array object itself: compare it, not this
            old_items = list(old_annots or [])
            return _extends(generic.ArrayObject(old_items), new_annots) and all(
                map(_is_signature_widget, list(new_annots)[len(old_items) :])
            )
        return False


def only_signature_added(reader: PdfFileReader, revisions: int, signed: int) -> bool:
    """Whether revisions ``revisions`` .. ``signed`` add a signature and change nothing shown.

    ``revisions`` is the number of the original's revisions; ``signed`` the index of the
    revision the signature covers.
    """
    if signed < revisions:
        return False  # the signature belongs to the original itself: not what we produced
    last = revisions - 1
    try:
        comparison = _Comparison(reader, last, signed)
        for revision in range(revisions, signed + 1):
            root = reader.trailer.raw_get("/Root", revision=revision)
            if root.reference != comparison.root_ref:
                return False  # a new catalog replaces the whole document
            if any(map(comparison.existed, reader.xrefs.refs_freed_in_revision(revision))):
                return False
            for ref in reader.xrefs.explicit_refs_in_revision(revision):
                if comparison.existed(ref) and not comparison.allowed(ref):
                    return False
    except (misc.PdfError, KeyError, TypeError, ValueError, AttributeError):
        return False  # anything we cannot read is not something we can vouch for
    return True
