"""An in-memory :class:`gateway.ports.AcquisizionePort`, standing in for the client of
``acquisizione`` (:class:`gateway.acquisizione.AcquisizioneClient`) in the page, API and scanner
tests.

It refuses as the service is specified to: ``codice_non_valido`` for a code that is not one
(here: not of the shape ``<ORDINE>-...``, or one the test marked forged), ``codice_altro_ordine``
for another Ordine's code, ``non_trovata`` for an unknown one, ``originale_mancante`` for a
hand-signed deposit without the original, ``relatore_non_valido`` for an unknown councillor.
It records every call with its arguments and can refuse, or not answer, the next call of a
method.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from gateway.files import GatewayFiles
from parcelle_contracts.acquisizione import (
    Assegnazione,
    Comunicazione,
    Origine,
    Passo,
    Pratica,
    PraticaInAttesa,
    RiepilogoAttesa,
)
from parcelle_contracts.common import (
    LIMITE_PAGINA,
    TRANSFER_AREA,
    Attore,
    BlobRef,
    FileRef,
    Pagina,
)
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.ordini import ImpostazioniOrdine, Relatore
from parcelle_contracts.vocabolario import GenereFirma, TipoFirma

from .finto import Registro, errore

PDF = b"%PDF-1.7\n% Parcelle avvio\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONSIGLIERI = {"consigliere.demo": "Marco Verdi", "consigliere.due": "Anna Gialli"}

R = TypeVar("R")


@dataclass
class FakeAcquisizione(Registro):
    """The port's methods; ``files`` is the app's GatewayFiles (downloads)."""

    servizio: ClassVar[str] = "acquisizione"

    files: GatewayFiles | None = None
    pratiche: dict[str, Pratica] = field(default_factory=dict)
    falsi: set[str] = field(default_factory=set)
    protocolli: int = 0
    marca_da_bollo: bool = False
    """The Ordine asks for stamp duty with a hand-signed deposit."""

    # --- test helpers -------------------------------------------------------------------------

    def deposita(
        self,
        *,
        ordine: str = "DEMO",
        firma: TipoFirma = "pades",
        cliente: str | None = "Mario Rossi",
        avvocato: str = "Giulia Bianchi",
        importo: str | None = "7616.00",
        depositata_il: datetime | None = None,
        codice: str | None = None,
    ) -> Pratica:
        """A deposited case waiting for acquisition."""
        numero = len(self.pratiche) + 1
        pratica = Pratica(
            istanza_id=new_id(),
            codice=codice or f"{ordine}-26-{numero:08d}-ABCD",
            ordine=ordine,
            stato="depositata",
            avvocato=avvocato,
            cliente=cliente,
            importo_richiesto=Decimal(importo) if importo else None,
            firma=firma,
            depositata_il=depositata_il or utcnow() - timedelta(days=1),
            protocollo=None,
            acquisita_il=None,
            originale_ricevuto=False,
            relatore=None,
            assegnazioni=[],
            scadenza=None,
            giorni_osservazioni=None,
            comunicazioni=[],
            osservazioni=[],
            cronologia=[],
        )
        self.pratiche[pratica.istanza_id] = pratica
        return pratica

    def imposta(self, pratica: Pratica, **campi: Any) -> Pratica:
        aggiornata = pratica.model_copy(update=campi)
        self.pratiche[pratica.istanza_id] = aggiornata
        return aggiornata

    # --- internals ----------------------------------------------------------------------------

    def _sua(self, attore: Attore, istanza_id: str) -> Pratica:
        pratica = self.pratiche.get(istanza_id)
        if pratica is None or pratica.ordine != attore.ordine:
            raise errore("non_trovata", "Pratica non trovata.")
        if attore.ruolo == "consigliere" and (
            pratica.relatore is None or pratica.relatore.relatore != attore.username
        ):
            raise errore("non_trovata", "Pratica non trovata.")  # only their own cases
        return pratica

    async def _avviso(self, pratica: Pratica) -> FileRef:
        assert self.files is not None, "give the fake the app's GatewayFiles"

        async def pezzi() -> AsyncIterator[bytes]:
            yield PDF

        key = f"test/{new_id()}"
        info = await self.files.transfer.put(key, pezzi(), max_size=1_000_000)
        blob = BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)
        return FileRef(
            blob=blob, nome_file=f"avvio-{pratica.codice}.pdf", content_type="application/pdf"
        )

    # --- AcquisizionePort ---------------------------------------------------------------------

    async def acquisisci(
        self,
        attore: Attore,
        codice: str,
        *,
        origine: Origine,
        letto_il: datetime | None = None,
        originale_ricevuto: bool = False,
        bollo_ricevuto: bool = False,
    ) -> Pratica:
        self._entra(
            "acquisisci",
            attore,
            codice=codice,
            origine=origine,
            letto_il=letto_il,
            originale_ricevuto=originale_ricevuto,
            bollo_ricevuto=bollo_ricevuto,
        )
        letto = codice.strip().upper()
        if letto in self.falsi or letto.count("-") != 3:
            raise errore(
                "codice_non_valido",
                "Codice non valido: non è il codice di un'istanza (letto male o contraffatto).",
            )
        if letto.split("-", 1)[0] != attore.ordine:
            raise errore("codice_altro_ordine", "Il codice è di un'istanza di un altro Ordine.")
        pratica = next((p for p in self.pratiche.values() if p.codice == letto), None)
        if pratica is None:
            raise errore("non_trovata", "Nessuna istanza depositata ha questo codice.")
        if pratica.protocollo is not None:
            return pratica.model_copy(update={"gia_acquisita": True})
        mancanti = {}
        if pratica.firma == "autografa" and not originale_ricevuto:
            mancanti["originale_ricevuto"] = "Conferma di aver ricevuto l'originale firmato"
        if pratica.firma == "autografa" and self.marca_da_bollo and not bollo_ricevuto:
            mancanti["bollo_ricevuto"] = "Conferma di aver ricevuto la marca da bollo"
        if mancanti:
            raise errore(
                "originale_mancante",
                "Deposito con firma autografa: conferma di aver ricevuto quanto richiesto.",
                **mancanti,
            )
        adesso = utcnow()
        self.protocolli += 1
        assegnazione = Assegnazione(
            relatore="consigliere.demo",
            nome=CONSIGLIERI["consigliere.demo"],
            assegnata_il=adesso,
            da="automatica",
        )
        avviso = Comunicazione(
            id=new_id(),
            tipo="avvio_procedimento",
            destinatario="Cliente: Mario Rossi",
            canale="pec",
            stato="in_attesa",
            documento=await self._avviso(pratica),
            aggiornata_il=adesso,
        )
        return self.imposta(
            pratica,
            stato="acquisita",
            protocollo=f"{adesso.year}/{self.protocolli:06d}",
            acquisita_il=adesso,
            originale_ricevuto=originale_ricevuto,
            bollo_ricevuto=bollo_ricevuto,
            relatore=assegnazione,
            assegnazioni=[assegnazione],
            scadenza=adesso + timedelta(days=60),
            giorni_osservazioni=10,
            comunicazioni=[avviso],
            cronologia=[
                Passo(
                    quando=adesso,
                    descrizione="Pratica acquisita",
                    chi=attore.username,
                    ruolo=attore.ruolo,
                    tramite=attore.tramite,
                    stazione=attore.stazione,
                ),
                # As the service records it: the rule assigns at the acquisition's instant.
                Passo(
                    quando=adesso,
                    descrizione="Relatore assegnato: Marco Verdi (assegnazione automatica)",
                    chi="sistema",
                    tramite="sistema",
                ),
            ],
        )

    async def assegna(
        self, attore: Attore, istanza_id: str, relatore: str, motivo: str | None
    ) -> Pratica:
        self._entra("assegna", attore, istanza_id=istanza_id, relatore=relatore, motivo=motivo)
        pratica = self._sua(attore, istanza_id)
        if relatore not in CONSIGLIERI:
            raise errore("relatore_non_valido", f"{relatore} non è un consigliere dell'Ordine.")
        nuova = Assegnazione(
            relatore=relatore,
            nome=CONSIGLIERI[relatore],
            assegnata_il=utcnow(),
            da=attore.username,
            motivo=motivo,
        )
        return self.imposta(pratica, relatore=nuova, assegnazioni=[*pratica.assegnazioni, nuova])

    async def aggiungi_osservazioni(
        self, attore: Attore, istanza_id: str, file: BlobRef, nome_file: str
    ) -> Pratica:
        self._entra("aggiungi_osservazioni", attore, istanza_id=istanza_id, file=file)
        pratica = self._sua(attore, istanza_id)
        documento = FileRef(blob=file, nome_file=nome_file, content_type="application/pdf")
        return self.imposta(pratica, osservazioni=[*pratica.osservazioni, documento])

    async def in_attesa(
        self,
        attore: Attore,
        *,
        cerca: str | None = None,
        firma: GenereFirma | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[PraticaInAttesa]:
        self._entra("in_attesa", attore, cerca=cerca, firma=firma, limit=limit, cursor=cursor)
        righe = [
            PraticaInAttesa(
                istanza_id=p.istanza_id,
                codice=p.codice,
                avvocato=p.avvocato,
                cliente=p.cliente,
                importo_richiesto=p.importo_richiesto,
                firma=p.firma,
                depositata_il=p.depositata_il,
            )
            for p in self._in_attesa(attore)
            if (firma is None or (p.firma == "autografa") == (firma == "autografa"))
            and (not cerca or cerca.lower() in f"{p.codice} {p.avvocato}".lower())
        ]
        righe.sort(key=lambda riga: riga.depositata_il)  # as the service does
        return _pagina(righe, limit, cursor)

    async def riepilogo_in_attesa(self, attore: Attore) -> RiepilogoAttesa:
        self._entra("riepilogo_in_attesa", attore)
        tutte = self._in_attesa(attore)
        autografe = sum(1 for p in tutte if p.firma == "autografa")
        return RiepilogoAttesa(
            totale=len(tutte),
            firmate_digitalmente=len(tutte) - autografe,
            con_firma_autografa=autografe,
            marca_da_bollo=self.marca_da_bollo,
        )

    def _in_attesa(self, attore: Attore) -> list[Pratica]:
        return [
            p for p in self.pratiche.values() if p.ordine == attore.ordine and p.protocollo is None
        ]

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Pratica:
        self._entra("dettaglio", attore, istanza_id=istanza_id)
        return self._sua(attore, istanza_id)

    async def assegnate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[Pratica]:
        self._entra("assegnate", attore, limit=limit, cursor=cursor)
        mie = [
            p
            for p in self.pratiche.values()
            if p.ordine == attore.ordine
            and p.stato == "acquisita"
            and p.relatore is not None
            and p.relatore.relatore == attore.username
        ]
        return _pagina(mie, limit, cursor)

    async def scadenze(
        self,
        attore: Attore,
        *,
        giorni: int = 10,
        cerca: str | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[Pratica]:
        self._entra("scadenze", attore, giorni=giorni, cerca=cerca, limit=limit, cursor=cursor)
        limite = utcnow() + timedelta(days=giorni)
        urgenti = [
            p
            for p in self.pratiche.values()
            if p.ordine == attore.ordine
            and p.scadenza is not None
            and p.scadenza <= limite
            and (not cerca or p.codice.startswith(cerca))
        ]
        urgenti.sort(key=lambda p: p.scadenza or limite)  # as the service does
        return _pagina(urgenti, limit, cursor)

    async def impostazioni(self, ordine: str) -> ImpostazioniOrdine:
        self._entra("impostazioni", Attore(username="gateway", ruolo="segreteria", ordine=ordine))
        relatori = tuple(Relatore(username=u, nome=nome) for u, nome in CONSIGLIERI.items())
        return ImpostazioniOrdine(
            codice=ordine,
            nome=f"Ordine degli Avvocati di {ordine.title()}",
            relatori=relatori,
            marca_da_bollo=self.marca_da_bollo,
        )


def _pagina(righe: list[R], limit: int, cursor: str | None) -> Pagina[R]:
    """Pages as the service gives them (the cursor here is the position of the next line; the
    service's is opaque)."""
    inizio = int(cursor or 0)
    fine = inizio + limit
    return Pagina[R](items=righe[inizio:fine], next=str(fine) if fine < len(righe) else None)
