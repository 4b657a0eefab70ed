"""The documents of `istanze` as PDF: the application (istanza) and the deposit receipt
(ricevuta), rendered from the contexts of :mod:`istanze.adapters.contesti` by the service's
``PdfRenderer`` (started once, at service start)."""

from datetime import datetime
from typing import Final

from istanze.adapters.contesti import contesto_istanza, contesto_ricevuta
from parcelle_contracts.common import FileRef
from parcelle_contracts.istanze import Firma, Istanza
from parcelle_kit.pdf import PdfRenderer

PACKAGE: Final = "istanze"
"""The package whose ``templates/`` the renderer must serve: ``PdfRenderer([PACKAGE])``."""
TEMPLATE_ISTANZA: Final = "istanze/istanza.html"
TEMPLATE_RICEVUTA: Final = "istanze/ricevuta.html"


class DocumentiIstanza:
    """Renders the application and the receipt with the service's (started) PDF renderer.

    The renderer belongs to the composition root, which starts it with the service and
    closes it at shutdown; it must serve :data:`PACKAGE`.
    """

    def __init__(self, renderer: PdfRenderer) -> None:
        self._renderer = renderer

    async def istanza(
        self,
        istanza: Istanza,
        *,
        ordine_nome: str,
        generata_il: datetime,
        luogo: str | None = None,
        firma_autografa: bool | None = None,
    ) -> bytes:
        """The application PDF (PDF/A-2b) the lawyer signs and deposits."""
        contesto = contesto_istanza(
            istanza,
            ordine_nome=ordine_nome,
            generata_il=generata_il,
            luogo=luogo,
            firma_autografa=firma_autografa,
        )
        return await self._renderer.render(PACKAGE, TEMPLATE_ISTANZA, contesto)

    async def ricevuta(
        self,
        istanza: Istanza,
        *,
        ordine_nome: str,
        depositata_il: datetime,
        generata_il: datetime,
        documento_sha256: str | None = None,
        firma: Firma | None = None,
        file_firmato: FileRef | None = None,
    ) -> bytes:
        """The deposit receipt PDF (PDF/A-2b)."""
        contesto = contesto_ricevuta(
            istanza,
            ordine_nome=ordine_nome,
            depositata_il=depositata_il,
            generata_il=generata_il,
            documento_sha256=documento_sha256,
            firma=firma,
            file_firmato=file_firmato,
        )
        return await self._renderer.render(PACKAGE, TEMPLATE_RICEVUTA, contesto)
