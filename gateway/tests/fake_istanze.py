"""An in-memory :class:`gateway.ports.IstanzePort`, standing in for the client of ``istanze``
(:class:`gateway.istanze.IstanzeClient`) in the page tests.

It keeps drafts per lawyer, records every call with its arguments, refuses as the service does
(``non_trovata`` for someone else's application, ``gia_depositata`` for a second deposit) and
can be told to refuse or to be unavailable on the next call of a method.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.files import GatewayFiles
from gateway.ports import Parte, QualeFile
from parcelle_contracts.common import (
    LIMITE_PAGINA,
    TRANSFER_AREA,
    Attore,
    BlobRef,
    Errore,
    FileRef,
    Pagina,
)
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.integrazioni import NuovoAllegato
from parcelle_contracts.istanze import (
    Allegato,
    Azione,
    CampoErrato,
    CampoNonLetto,
    ContenutoIstanza,
    Evento,
    Firma,
    Istanza,
    IstanzaSintesi,
    Mancante,
    Totali,
)
from parcelle_contracts.vocabolario import (
    REQUISITI_PREDEFINITI,
    CanalePosta,
    CategoriaAllegato,
    Stato,
)

from .fake_seguito import SeguitoFinto, inviata_il

PDF = b"%PDF-1.7\n% Parcelle test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CENT = Decimal("0.01")


def _cent(valore: Decimal) -> Decimal:
    return valore.quantize(CENT, rounding=ROUND_HALF_UP)


def totali(contenuto: ContenutoIstanza) -> Totali | None:
    if not contenuto.voci:
        return None
    compenso = _cent(sum((voce.importo for voce in contenuto.voci), Decimal(0)))
    spese_generali = _cent(compenso * contenuto.spese_generali_percentuale / 100)
    cpa = _cent((compenso + spese_generali) * Decimal("0.04"))
    iva = _cent((compenso + spese_generali + cpa) * Decimal("0.22"))
    spese = contenuto.spese or Decimal(0)
    return Totali(
        compenso=compenso,
        spese_generali=spese_generali,
        cpa=cpa,
        iva=iva,
        spese=spese,
        totale=compenso + spese_generali + cpa + iva + spese,
    )


def mancanti(istanza: Istanza) -> list[Mancante]:
    contenuto = istanza.contenuto
    elenco = []
    if contenuto.cliente is None:
        elenco.append(Mancante(requisito="cliente", etichetta="Cliente (nome e cognome)"))
    if contenuto.pratica is None:
        elenco.append(Mancante(requisito="procedimento", etichetta="Tipo di procedimento"))
    if not contenuto.voci:
        elenco.append(Mancante(requisito="voci", etichetta="Almeno una voce di compenso"))
    categorie = {allegato.categoria for allegato in istanza.allegati}
    if "parcella" not in categorie:
        elenco.append(Mancante(requisito="allegato_parcella", etichetta="Parcella (notula)"))
    if "prova_invio" not in categorie:
        elenco.append(
            Mancante(requisito="allegato_prova_invio", etichetta="Prova dell'invio al cliente")
        )
    return elenco


def errori(contenuto: ContenutoIstanza, non_letti: list[CampoNonLetto]) -> list[CampoErrato]:
    """What the service says is wrong, in a few of its rules (the page tests' stand-in): a CAP
    of five digits, a tax code of 16 characters or 11 digits; and every field kept as typed."""
    trovati: dict[str, str] = {}
    cliente = contenuto.cliente
    cap = cliente.indirizzo.cap if cliente is not None and cliente.indirizzo else None
    if cap and not (len(cap) == 5 and cap.isdigit()):
        trovati["cliente.indirizzo.cap"] = "Il CAP deve essere di 5 cifre"
    codice = cliente.codice_fiscale if cliente is not None else None
    if codice and not (len(codice) == 16 or (len(codice) == 11 and codice.isdigit())):
        trovati["cliente.codice_fiscale"] = "Il codice fiscale deve avere 16 caratteri"
    for campo in non_letti:
        if campo.errore:
            trovati[campo.campo] = campo.errore
    return [CampoErrato(campo=c, messaggio=m) for c, m in trovati.items()]


def azioni(istanza: Istanza) -> list[Azione]:
    """What the lawyer may do now, as ``istanze`` decides it: edit, attach, sign and deposit a
    draft (the last two once it is complete), withdraw until the council has decided."""
    if istanza.stato == "bozza":
        pronta = not istanza.mancanti and not istanza.errori
        completa: list[Azione] = ["firma", "deposita"] if pronta else []
        return ["modifica", "allega", *completa]
    if istanza.stato in ("depositata", "acquisita", "integrazione_richiesta"):
        return ["rinuncia"]
    return []


def evento(attore: Attore, quando: datetime, stato: Stato, descrizione: str) -> Evento:
    """A line of the timeline, saying who acted and through what, as the service records it."""
    return Evento(
        quando=quando,
        stato=stato,
        descrizione=descrizione,
        chi=f"{attore.nome or ''} {attore.cognome or ''}".strip() or attore.username,
        ruolo=attore.ruolo,
        tramite=attore.tramite,
        stazione=attore.stazione,
    )


@dataclass
class Chiamata:
    metodo: str
    argomenti: dict[str, Any]


@dataclass
class FakeIstanze(SeguitoFinto):
    """The port's methods; ``files`` is the app's GatewayFiles (for downloads)."""

    files: GatewayFiles | None = None
    firma_richiesta: bool = True
    istanze: dict[str, Istanza] = field(default_factory=dict)
    chiamate: list[Chiamata] = field(default_factory=list)
    rifiuti: dict[str, Errore] = field(default_factory=dict)
    assenti: set[str] = field(default_factory=set)
    numero: int = 0
    canali_scelti: dict[str, list[CanalePosta]] = field(default_factory=dict)

    # --- test helpers -------------------------------------------------------------------------

    def rifiuta(self, metodo: str, codice: str, messaggio: str, **campi: str) -> None:
        """The next call of ``metodo`` is refused with this error."""
        self.rifiuti[metodo] = Errore(codice=codice, messaggio=messaggio, campi=campi)

    def chiamate_di(self, metodo: str) -> list[dict[str, Any]]:
        return [c.argomenti for c in self.chiamate if c.metodo == metodo]

    def bozza(self, attore: Attore, **contenuto: Any) -> Istanza:
        """A draft created directly (no call recorded)."""
        istanza = self._nuova(attore, ContenutoIstanza(**contenuto))
        return istanza

    def imposta(self, istanza: Istanza, **campi: Any) -> Istanza:
        """Change the stored case; ``mancanti`` and ``azioni`` follow, unless ``azioni`` is
        given (a test saying what the service allows)."""
        aggiornata = istanza.model_copy(update=campi)
        aggiornata = aggiornata.model_copy(
            update={
                "mancanti": mancanti(aggiornata),
                "errori": errori(aggiornata.contenuto, aggiornata.non_letti),
            }
        )
        if "azioni" not in campi:
            aggiornata = aggiornata.model_copy(update={"azioni": azioni(aggiornata)})
        self.istanze[istanza.id] = aggiornata
        return aggiornata

    # --- internals ----------------------------------------------------------------------------

    def _entra(self, metodo: str, **argomenti: Any) -> None:
        self.chiamate.append(Chiamata(metodo, argomenti))
        if metodo in self.assenti:
            self.assenti.discard(metodo)
            raise ServiceUnavailableError("istanze", "no answer within 5 s")
        errore = self.rifiuti.pop(metodo, None)
        if errore is not None:
            raise RichiestaRifiutataError(errore)

    def _nuova(self, attore: Attore, contenuto: ContenutoIstanza) -> Istanza:
        self.numero += 1
        adesso = utcnow()
        istanza = Istanza(
            id=new_id(),
            codice=f"DEMO-2025-{self.numero:05d}-K",
            ordine=attore.ordine,
            stato="bozza",
            avvocato=attore,
            contenuto=contenuto,
            totali=totali(contenuto),
            mancanti=[],
            allegati=[],
            documento_pronto=False,
            creata_il=adesso,
            aggiornata_il=adesso,
            firma_richiesta=self.firma_richiesta,
            cronologia=[evento(attore, adesso, "bozza", "Bozza creata")],
            azioni=[],
            requisiti=list(REQUISITI_PREDEFINITI),
        )
        return self.imposta(istanza)

    def _sua(self, attore: Attore, istanza_id: str) -> Istanza:
        istanza = self.istanze.get(istanza_id)
        if istanza is None or istanza.avvocato.username != attore.username:
            raise RichiestaRifiutataError(
                Errore(codice="non_trovata", messaggio="Istanza non trovata.")
            )
        return istanza

    def _leggibile(self, attore: Attore, istanza_id: str) -> Istanza:
        """As the service lets read a case: the lawyer their own, the Ordine's staff the
        deposited ones (never a draft)."""
        if attore.ruolo == "avvocato":
            return self._sua(attore, istanza_id)
        istanza = self.istanze.get(istanza_id)
        if istanza is None or istanza.ordine != attore.ordine or istanza.stato == "bozza":
            raise RichiestaRifiutataError(
                Errore(codice="non_trovata", messaggio="Istanza non trovata.")
            )
        return istanza

    def _evento(
        self, attore: Attore, istanza: Istanza, stato: Stato, descrizione: str, **campi: Any
    ) -> Istanza:
        adesso = utcnow() + timedelta(seconds=len(istanza.cronologia))
        return self.imposta(
            istanza,
            stato=stato,
            aggiornata_il=adesso,
            cronologia=[*istanza.cronologia, evento(attore, adesso, stato, descrizione)],
            **campi,
        )

    async def _scrivi(self, nome_file: str, contenuto: bytes, content_type: str) -> FileRef:
        assert self.files is not None, "set fake.files = app.state.files"

        async def pezzi() -> AsyncIterator[bytes]:
            yield contenuto

        key = f"test/{new_id()}"
        info = await self.files.transfer.put(key, pezzi(), max_size=10_000_000)
        blob = BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)
        return FileRef(blob=blob, nome_file=nome_file, content_type=content_type)

    # --- IstanzePort ----------------------------------------------------------------------------

    async def crea(self, attore: Attore, contenuto: ContenutoIstanza) -> Istanza:
        self._entra("crea", attore=attore, contenuto=contenuto)
        return self._nuova(attore, contenuto)

    async def aggiorna(
        self,
        attore: Attore,
        istanza_id: str,
        contenuto: ContenutoIstanza,
        parti: list[Parte],
        non_letti: list[CampoNonLetto] | None = None,
    ) -> Istanza:
        self._entra(
            "aggiorna", istanza_id=istanza_id, contenuto=contenuto, parti=parti, non_letti=non_letti
        )
        istanza = self._sua(attore, istanza_id)
        if istanza.stato != "bozza":
            raise RichiestaRifiutataError(
                Errore(codice="stato_non_valido", messaggio="L'istanza non è più una bozza.")
            )
        nuovo = istanza.contenuto.model_copy(update={p: getattr(contenuto, p) for p in parti})
        tenuti = [c for c in istanza.non_letti if c.campo.split(".")[0] not in parti]
        return self.imposta(
            istanza,
            contenuto=nuovo,
            non_letti=[*tenuti, *(non_letti or [])],
            totali=totali(nuovo),
            firma=None,
            aggiornata_il=utcnow(),
        )

    async def elenco(
        self,
        attore: Attore,
        *,
        stato: Stato | None = None,
        cerca: str | None = None,
        inviata_al_cliente: bool | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[IstanzaSintesi]:
        """Pages as the service gives them, the latest changed first (the cursor here is the
        position of the next line; the service's is opaque)."""
        self._entra(
            "elenco",
            stato=stato,
            cerca=cerca,
            inviata_al_cliente=inviata_al_cliente,
            limit=limit,
            cursor=cursor,
        )
        righe = []
        staff = attore.ruolo != "avvocato"
        if staff and (stato is None or stato == "bozza"):
            return Pagina[IstanzaSintesi](items=[])  # the Ordine's staff list by state
        for istanza in self.istanze.values():
            mia = (
                istanza.ordine == attore.ordine
                if staff
                else istanza.avvocato.username == attore.username
            )
            if not mia:
                continue
            if stato is not None and istanza.stato != stato:
                continue
            inviata = inviata_il(istanza)
            if inviata_al_cliente is not None and (inviata is not None) != inviata_al_cliente:
                continue
            cliente = istanza.contenuto.cliente
            nome = None
            if cliente is not None:
                nome = cliente.denominazione or f"{cliente.nome or ''} {cliente.cognome or ''}"
            righe.append(
                IstanzaSintesi(
                    id=istanza.id,
                    codice=istanza.codice,
                    protocollo=istanza.protocollo,
                    cliente=nome,
                    importo_richiesto=istanza.totali.compenso if istanza.totali else None,
                    stato=istanza.stato,
                    aggiornata_il=istanza.aggiornata_il,
                    inviata_al_cliente_il=inviata,
                )
            )
        if cerca:
            righe = [r for r in righe if cerca.lower() in f"{r.codice} {r.cliente}".lower()]
        righe.sort(key=lambda riga: (riga.aggiornata_il, riga.id), reverse=True)
        inizio = int(cursor or 0)
        fine = inizio + limit
        return Pagina[IstanzaSintesi](
            items=righe[inizio:fine], next=str(fine) if fine < len(righe) else None
        )

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Istanza:
        self._entra("dettaglio", istanza_id=istanza_id)
        return self._leggibile(attore, istanza_id)

    async def aggiungi_allegato(
        self,
        attore: Attore,
        istanza_id: str,
        categoria: CategoriaAllegato,
        nome_file: str,
        file: BlobRef,
    ) -> Istanza:
        self._entra(
            "aggiungi_allegato",
            istanza_id=istanza_id,
            categoria=categoria,
            nome_file=nome_file,
            file=file,
        )
        istanza = self._sua(attore, istanza_id)
        allegato = Allegato(
            id=new_id(),
            categoria=categoria,
            nome_file=nome_file,
            content_type="application/pdf",
            tipo="PDF",
            dimensione=file.size,
            sha256=file.sha256,
            caricato_il=utcnow(),
        )
        return self.imposta(istanza, allegati=[*istanza.allegati, allegato])

    async def rimuovi_allegato(self, attore: Attore, istanza_id: str, allegato_id: str) -> Istanza:
        self._entra("rimuovi_allegato", istanza_id=istanza_id, allegato_id=allegato_id)
        istanza = self._sua(attore, istanza_id)
        rimasti = [a for a in istanza.allegati if a.id != allegato_id]
        return self.imposta(istanza, allegati=rimasti)

    async def prepara_documento(self, attore: Attore, istanza_id: str) -> FileRef:
        self._entra("prepara_documento", istanza_id=istanza_id)
        istanza = self._sua(attore, istanza_id)
        if istanza.mancanti:
            raise RichiestaRifiutataError(
                Errore(codice="incompleta", messaggio="L'istanza non è completa.")
            )
        self.imposta(istanza, documento_pronto=True)
        return await self._scrivi(f"istanza-{istanza.codice}.pdf", PDF, "application/pdf")

    async def firma_demo(self, attore: Attore, istanza_id: str) -> Istanza:
        self._entra("firma_demo", istanza_id=istanza_id)
        istanza = self._sua(attore, istanza_id)
        firma = Firma(
            tipo="pades",
            firmatario="Giulia Bianchi",
            codice_fiscale="BNCGLI85M41H501Y",
            emittente="Parcelle Demo CA",
            firmato_il=utcnow(),
        )
        return self.imposta(istanza, firma=firma)

    async def deposita(
        self, attore: Attore, istanza_id: str, firmato: BlobRef | None, nome_file: str | None
    ) -> Istanza:
        self._entra("deposita", istanza_id=istanza_id, firmato=firmato, nome_file=nome_file)
        istanza = self._sua(attore, istanza_id)
        if istanza.stato != "bozza":
            raise RichiestaRifiutataError(
                Errore(codice="gia_depositata", messaggio="L'istanza è già stata depositata.")
            )
        firma = istanza.firma
        if firmato is not None:
            firma = Firma(tipo="pades", firmatario="Giulia Bianchi", sha256=firmato.sha256)
        elif firma is None and not istanza.firma_richiesta:
            firma = Firma(tipo="autografa")
        if firma is None:
            raise RichiestaRifiutataError(
                Errore(codice="firma_mancante", messaggio="Manca il file firmato digitalmente.")
            )
        return self._evento(
            attore, istanza, "depositata", "Istanza depositata", depositata_il=utcnow(), firma=firma
        )

    async def rinuncia(self, attore: Attore, istanza_id: str, motivo: str) -> Istanza:
        self._entra("rinuncia", istanza_id=istanza_id, motivo=motivo)
        istanza = self._sua(attore, istanza_id)
        return self._evento(attore, istanza, "rinunciata", f"Rinuncia: {motivo}")

    async def rispondi_integrazione(
        self, attore: Attore, istanza_id: str, nota: str, allegati: list[NuovoAllegato]
    ) -> Istanza:
        self._entra("rispondi_integrazione", istanza_id=istanza_id, nota=nota, allegati=allegati)
        istanza = self._sua(attore, istanza_id)
        if "integra" not in istanza.azioni:
            raise RichiestaRifiutataError(
                Errore(codice="stato_non_valido", messaggio="Nessuna integrazione è richiesta.")
            )
        nuovi = [
            Allegato(
                id=new_id(),
                categoria=allegato.categoria,
                nome_file=allegato.nome_file,
                content_type="application/pdf",
                tipo="PDF",
                dimensione=allegato.file.size,
                sha256=allegato.file.sha256,
                caricato_il=utcnow(),
            )
            for allegato in allegati
        ]
        return self._evento(
            attore,
            istanza,
            "acquisita",
            "Integrazione fornita",
            allegati=[*istanza.allegati, *nuovi],
            integrazione=None,
            azioni=["rinuncia"],
        )

    async def file(
        self,
        attore: Attore,
        istanza_id: str,
        quale: QualeFile,
        allegato_id: str | None = None,
    ) -> FileRef:
        self._entra("file", istanza_id=istanza_id, quale=quale, allegato_id=allegato_id)
        istanza = self._leggibile(attore, istanza_id)
        if quale == "ricevuta" and istanza.depositata_il is None:
            raise RichiestaRifiutataError(
                Errore(codice="non_disponibile", messaggio="La ricevuta non c'è ancora.")
            )
        return await self._scrivi(f"{quale}-{istanza.codice}.pdf", PDF, "application/pdf")


def adesso_meno(giorni: int) -> datetime:
    return utcnow() - timedelta(days=giorni)
