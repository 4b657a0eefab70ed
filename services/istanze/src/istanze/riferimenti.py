"""What a download of a case's file points to: the claim check the gateway serves it from."""

from typing import Literal

from istanze.domain.errori import NonTrovataError
from istanze.domain.istanza import Istanza
from parcelle_contracts.common import BlobRef, FileRef

Quale = Literal["documento", "ricevuta", "firmato", "allegato"]


def file_di(istanza: Istanza, area: str, quale: Quale, allegato_id: str | None = None) -> FileRef:
    """The application PDF, the receipt, the signed file or an attachment of ``istanza``."""
    codice = istanza.codice

    def ref(key: str, sha256: str, size: int, nome: str, tipo: str = "application/pdf") -> FileRef:
        blob = BlobRef(area=area, key=key, sha256=sha256, size=size)
        return FileRef(blob=blob, nome_file=nome, content_type=tipo)

    if quale == "documento" and istanza.documento is not None:
        d = istanza.documento
        return ref(d.blob_key, d.sha256, d.dimensione, f"istanza-{codice}.pdf")
    if quale == "ricevuta" and istanza.deposito and istanza.deposito.ricevuta:
        r = istanza.deposito.ricevuta
        return ref(r.blob_key, r.sha256, r.dimensione, f"ricevuta-{codice}.pdf")
    if quale == "firmato" and istanza.firmato is not None:
        f = istanza.firmato
        pades = f.firma.tipo == "pades"
        nome = f"istanza-{codice}-firmata.{'pdf' if pades else 'pdf.p7m'}"
        tipo = "application/pdf" if pades else "application/pkcs7-mime"
        return ref(f.blob_key, f.sha256, f.dimensione, nome, tipo)
    if quale == "allegato" and allegato_id is not None:
        a = istanza.allegato(allegato_id)
        return ref(a.blob_key, a.sha256, a.dimensione, a.nome_file, a.content_type)
    raise NonTrovataError("Documento non disponibile")
