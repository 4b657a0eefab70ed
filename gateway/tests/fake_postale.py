"""An in-memory :class:`gateway.ports.PostalePort`, standing in for the client of ``postale``
(:class:`gateway.postale.PostaleClient`) in the page tests.

It behaves as the service is specified to: only the secretariat reads its Ordine's mailings
(``non_autorizzata`` for others), the newest first, a page at a time; a receipt is for the
secretariat and the readers the sender named; one of another Ordine's mailing, or one that does
not exist, is ``non_trovata``. It records every call and can
refuse, or not answer, the next call of a method."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import ClassVar

from gateway.files import GatewayFiles
from parcelle_contracts.common import LIMITE_PAGINA, TRANSFER_AREA, Attore, BlobRef, FileRef
from parcelle_contracts.comunicazioni import Destinatario
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.postale import (
    PaginaRaccomandate,
    PassoRaccomandata,
    Raccomandata,
    RicevutaPostale,
)
from parcelle_contracts.vocabolario import (
    SIMULATORE_CENTRO_STAMPA,
    StatoRaccomandata,
    TipoRicevutaPostale,
)
from parcelle_kit.blob.writes import put_once

from .finto import Registro, errore

PDF = b"%PDF-1.7\n% Parcelle cartolina\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class FakePostale(Registro):
    """The port's methods; ``files`` is the app's GatewayFiles (where receipts lie)."""

    servizio: ClassVar[str] = "postale"

    files: GatewayFiles | None = None
    spedite: list[Raccomandata] = field(default_factory=list)
    simulatore: bool = True
    lettori: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Mailing id -> who besides the secretariat may read its receipts (the sender named)."""

    async def spedisci(
        self,
        nome: str,
        stato: StatoRaccomandata = "ricevuta_ritorno",
        *,
        ordine: str = "DEMO",
        costo: str = "6.95",
        minuti_fa: int = 0,
        lettori: tuple[str, ...] = (),
    ) -> Raccomandata:
        """A mailing of ``ordine`` (its receipts left in the transfer area)."""
        assert self.files is not None, "the app's files are given by the conftest"
        raccomandata_id = new_id()
        ricevute = []
        tipi: tuple[TipoRicevutaPostale, ...] = ("accettazione", "ricevuta_ritorno")
        for tipo in tipi[: 2 if stato == "ricevuta_ritorno" else 1]:
            key = f"ricevute/{raccomandata_id}-{tipo}.pdf"
            info = await put_once(self.files.transfer, key, PDF, content_type="application/pdf")
            blob = BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)
            ricevute.append(
                RicevutaPostale(
                    id=f"{raccomandata_id}-{tipo}",
                    tipo=tipo,
                    file=FileRef(
                        blob=blob, nome_file=f"{tipo}.pdf", content_type="application/pdf"
                    ),
                    il=utcnow(),
                    simulata=self.simulatore,
                )
            )
        quando = utcnow() - timedelta(minutes=minuti_fa)
        raccomandata = Raccomandata(
            id=raccomandata_id,
            istanza_id=new_id(),
            comunicazione_id=new_id(),
            ordine=ordine,
            messaggio="avvio_procedimento",
            destinatario=Destinatario(nome=nome, indirizzo="Via Roma 10\n00100 Roma RM"),
            stato=stato,
            numero="SIM000000000042",
            fogli=2,
            costo=Decimal(costo),
            simulata=self.simulatore,
            creata_il=quando,
            aggiornata_il=quando,
            passi=[PassoRaccomandata(stato=stato, il=quando, dettaglio="Passo di prova")],
            ricevute=ricevute,
        )
        self.spedite.append(raccomandata)
        self.lettori[raccomandata_id] = lettori
        return raccomandata

    async def raccomandate(
        self,
        attore: Attore,
        *,
        istanza_id: str | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> PaginaRaccomandate:
        self._entra("raccomandate", attore, istanza_id=istanza_id, limit=limit, cursor=cursor)
        if attore.ruolo != "segreteria":
            raise errore("non_autorizzata", "Solo la segreteria")
        mie = sorted(
            (
                r
                for r in self.spedite
                if r.ordine == attore.ordine and istanza_id in (None, r.istanza_id)
            ),
            key=lambda r: r.creata_il,
            reverse=True,
        )
        inizio = int(cursor or 0)
        fine = inizio + limit
        return PaginaRaccomandate(
            items=mie[inizio:fine],
            next=str(fine) if fine < len(mie) else None,
            centro_stampa=SIMULATORE_CENTRO_STAMPA if self.simulatore else "Centro stampa",
            simulatore=self.simulatore,
        )

    async def file_ricevuta(
        self, attore: Attore, raccomandata_id: str, ricevuta_id: str
    ) -> FileRef:
        self._entra(
            "file_ricevuta", attore, raccomandata_id=raccomandata_id, ricevuta_id=ricevuta_id
        )
        for r in self.spedite:
            lettore = attore.ruolo == "segreteria" or attore.username in self.lettori.get(r.id, ())
            if r.id == raccomandata_id and r.ordine == attore.ordine and lettore:
                for ricevuta in r.ricevute:
                    if ricevuta.id == ricevuta_id:
                        return ricevuta.file
        raise errore("non_trovata", "Ricevuta non trovata")
