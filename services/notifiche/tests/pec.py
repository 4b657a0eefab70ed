"""Builders of the receipts' tests: a PEC message as the sending side makes it, its record in
``invii``, a receipt's signed content built to the technical rules, and the use cases over
real stores (SQLite, files), real OpenSSL and a simulated provider of the test's own PKI."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from notifiche.adapters.archivio import INDEXES, Archivio
from notifiche.adapters.archivio_ricevute import INDEXES_RICEVUTE, ArchivioRicevute
from notifiche.adapters.casella_imap import casella_di
from notifiche.adapters.firma_smime import VerificaSmime
from notifiche.adapters.pec_simulato import TrasportoPecSimulato
from notifiche.adapters.pki_simulata import Gestore, pki_simulata
from notifiche.adapters.segreti import Segreti
from notifiche.domain.invio import Invio
from notifiche.handlers.ricevute import Ricevute
from notifiche.ports import RicevuteDependencies
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_testing.locali import Locali, locali
from parcelle_testing.pec import PDF, PEC_CLIENTE, altera_daticert, messaggio_pec

ORA = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
ORDINE = "DEMO"


def invio(
    messaggio: EmailMessage,
    indirizzo: str = PEC_CLIENTE,
    *,
    ordine: str = ORDINE,
    lettori: tuple[str, ...] = (),
) -> Invio:
    """The sending side's record of ``messaggio``, as it stands once the mail was sent."""
    msgid = str(messaggio["Message-ID"])
    return Invio(
        message_id=f"comando-{msgid.strip('<>')}",
        comunicazione_id=f"comunicazione-{msgid}",
        istanza_id="istanza-1",
        ordine=ordine,
        correlation_id="pratica-1",
        messaggio="provvedimento_al_cliente",
        canale="pec",
        destinatario="Cliente",
        indirizzo=indirizzo,
        message_id_mail=msgid,
        stato="inviata",
        creato_il=ORA,
        aggiornato_il=ORA,
        lettori=lettori,
    )


@dataclass
class Banco:
    """The receipts' side as a test drives it."""

    stores: Locali
    ricevute: Ricevute
    gestore: Gestore
    trasporto: TrasportoPecSimulato
    cartella: Path
    impostazioni: dict[str, ImpostazioniOrdine] = field(default_factory=dict)
    chiavi: dict[str, str] = field(default_factory=dict)
    """The secrets the service's environment holds (name: value)."""
    risvegli: list[int] = field(default_factory=list)

    async def registra_invio(self, voce: Invio) -> None:
        await self.stores.store.run(lambda tx: Archivio(tx).salva(voce))


@asynccontextmanager
async def banco(tmp_path: Path, *, autorita: Path | None = None) -> AsyncIterator[Banco]:
    gestore = pki_simulata(tmp_path / "pki")
    async with locali(tmp_path, "notifiche", (*INDEXES, *INDEXES_RICEVUTE)) as stores:
        impostazioni: dict[str, ImpostazioniOrdine] = {}
        risvegli: list[int] = []
        chiavi: dict[str, str] = {}

        async def leggi(ordine: str) -> ImpostazioniOrdine | None:
            return impostazioni.get(ordine)

        segreti = Segreti(chiavi, None)
        d = RicevuteDependencies(
            store=stores.store,
            invii=Archivio,
            ricevute=ArchivioRicevute,
            firma=VerificaSmime(autorita or gestore.ca),
            blobs=stores.blobs,
            area="notifiche",
            transfer=stores.transfer,
            sveglia=lambda: risvegli.append(1),
            ora=lambda: ORA,
            caselle=lambda posta: casella_di(posta, segreti, tls=False),
            impostazioni=leggi,
        )
        ricevute = Ricevute(d)

        async def consegna(grezza: bytes) -> object:
            return await ricevute.accogli(grezza, fonte="simulatore")

        cartella = tmp_path / "mail" / "pec"
        trasporto = TrasportoPecSimulato(
            gestore, cartella, consegna, ora=lambda: ORA, attesa=0.02, tentativi=5
        )
        try:
            yield Banco(
                stores, ricevute, gestore, trasporto, cartella, impostazioni, chiavi, risvegli
            )
        finally:
            await trasporto.chiudi()


__all__ = ["PDF", "Banco", "altera_daticert", "banco", "invio", "messaggio_pec"]
