"""The case (pratica) as the secretariat sees it: deposited and pending, acquired with a
protocol number and a reporting councillor, or withdrawn by the lawyer.

Every operation checks who asks, the state and the rules before changing anything, and raises
a :class:`~acquisizione.domain.errori.DomainError` otherwise, so a refused operation leaves the
case exactly as it was. Every change is written in the timeline with who, in what role, when and
through what (a web area, the API, a scanner station, Parcelle itself).
Times are timezone-aware and kept in UTC.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Final, Literal

from acquisizione.domain import termini
from acquisizione.domain.assegnazione import AUTOMATICA, Relatore
from acquisizione.domain.comunicazioni import Comunicazione, Documento, avanza
from acquisizione.domain.cronologia import Passo
from acquisizione.domain.errori import (
    DatiNonValidiError,
    NonTrovataError,
    StatoNonValidoError,
)
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.persone import SISTEMA, Autore, Richiedente, Utente, verifica_segreteria
from acquisizione.domain.sportello import Ricevuti
from acquisizione.domain.termini import Sospensione, StatoTermine
from parcelle_contracts.vocabolario import (
    CANALI,
    STATI_INVIO,
    TIPI_COMUNICAZIONE,
    TIPI_FIRMA,
    StatoInvio,
    TipoFirma,
    Tramite,
)

StatoPratica = Literal["depositata", "acquisita", "rinunciata"]
NON_TROVATA: Final = "Pratica non trovata"


@dataclass(frozen=True, kw_only=True)
class Registrazione:
    """The acquisition: the protocol number and the facts registered with it."""

    protocollo: str
    acquisita_il: datetime
    da: str
    """The clerk's username."""
    tramite: Tramite
    """Through what the clerk acquired it: a scanner station, their web area, the API."""
    stazione: str | None
    """The scanner station, when through one."""
    letto_il: datetime | None
    """When the scanner read the code, if it was scanned."""
    originale_ricevuto: bool
    termine_giorni: int
    """The Ordine's term when the case was acquired: a later change does not move it."""
    giorni_osservazioni: int
    bollo_ricevuto: bool = False
    """The stamp duty came with the hand-signed original (where the Ordine asks for it)."""


@dataclass(frozen=True, kw_only=True)
class Assegnazione:
    relatore: str
    nome: str
    assegnata_il: datetime
    da: str
    """A clerk's username, or ``automatica``."""
    motivo: str | None = None


@dataclass(frozen=True, kw_only=True)
class Osservazione:
    """The client's observations (a PDF), added by the clerk; the relatore reads them."""

    id: str
    documento: Documento
    aggiunte_il: datetime
    da: str


@dataclass(frozen=True, kw_only=True)
class Rinuncia:
    motivo: str
    quando: datetime


@dataclass(kw_only=True)
class Pratica:
    """A deposited application and the procedure that follows. Build one with :meth:`deposita`."""

    istanza_id: str
    codice: str
    ordine: str
    correlation_id: str
    """The case's correlation id (from the deposit): every message about it carries it."""
    avvocato: Richiedente
    cliente: str | None
    importo_richiesto: Decimal | None
    firma: TipoFirma
    depositata_il: datetime
    stato: StatoPratica = "depositata"
    registrazione: Registrazione | None = None
    assegnazioni: tuple[Assegnazione, ...] = ()
    sospensioni: tuple[Sospensione, ...] = ()
    avvio_richiesto: bool = False
    """The notice of start of proceedings has been asked for (it is asked once)."""
    comunicazioni: tuple[Comunicazione, ...] = ()
    osservazioni: tuple[Osservazione, ...] = ()
    rinunciata: Rinuncia | None = None
    cronologia: tuple[Passo, ...] = field(default=())

    @classmethod
    def deposita(
        cls,
        *,
        istanza_id: str,
        codice: str,
        ordine: str,
        correlation_id: str,
        avvocato: Richiedente,
        cliente: str | None,
        importo_richiesto: Decimal | None,
        firma: TipoFirma,
        depositata_il: datetime,
        tramite: Tramite = "area_web",
    ) -> "Pratica":
        """A case just deposited (by the lawyer, through ``tramite``): pending, waiting for the
        secretariat."""
        if not (istanza_id and codice and ordine):
            raise ValueError("istanza_id, codice and ordine are required")
        ora = _utc(depositata_il)
        pratica = cls(
            istanza_id=istanza_id,
            codice=codice,
            ordine=ordine,
            correlation_id=correlation_id,
            avvocato=avvocato,
            cliente=cliente,
            importo_richiesto=importo_richiesto,
            firma=firma,
            depositata_il=ora,
        )
        pratica._annota(
            ora,
            f"Istanza depositata con {_iniziale_minuscola(TIPI_FIRMA[firma])}",
            Autore(chi=avvocato.nome_completo(), ruolo="avvocato", tramite=tramite),
        )
        return pratica

    # --- access ---------------------------------------------------------------------------------

    def verifica_lettura(self, utente: Utente) -> None:
        """The Ordine's secretariat sees its cases; a councillor the cases assigned to them;
        anyone else is told the case does not exist."""
        if utente.ordine == self.ordine:
            if utente.ruolo == "segreteria":
                return
            relatore = self.relatore
            if utente.ruolo == "consigliere" and relatore and relatore.relatore == utente.username:
                return
        raise NonTrovataError(NON_TROVATA)

    # --- acquisition ----------------------------------------------------------------------------

    @property
    def gia_acquisita(self) -> bool:
        return self.registrazione is not None

    def verifica_acquisibile(
        self, chi: Utente, ricevuti: Ricevuti, impostazioni: ImpostazioniOrdine
    ) -> None:
        """Raise what would stop ``chi`` acquiring the case now."""
        verifica_segreteria(chi, self.ordine)
        if self.registrazione is not None:
            raise StatoNonValidoError(
                f"La pratica è già stata acquisita con protocollo n. "
                f"{self.registrazione.protocollo}"
            )
        if self.stato == "rinunciata":
            raise StatoNonValidoError(
                "L'avvocato ha rinunciato all'istanza: non si può più acquisire"
            )
        if self.firma == "autografa":
            ricevuti.verifica(marca_da_bollo=impostazioni.marca_da_bollo)

    def acquisisci(
        self,
        *,
        protocollo: str,
        ora: datetime,
        chi: Utente,
        letto_il: datetime | None,
        ricevuti: Ricevuti,
        impostazioni: ImpostazioniOrdine,
    ) -> Registrazione:
        """Register the case with ``protocollo``; the term starts today. Where it was acquired
        (a scanner station, the clerk's web area, the API) is the clerk's ``tramite``."""
        ora = _utc(ora)
        self.verifica_acquisibile(chi, ricevuti, impostazioni)
        autografa = self.firma == "autografa"
        self.registrazione = Registrazione(
            protocollo=protocollo,
            acquisita_il=ora,
            da=chi.username,
            tramite=chi.tramite,
            stazione=chi.stazione,
            letto_il=_utc(letto_il) if letto_il is not None else None,
            originale_ricevuto=autografa and ricevuti.originale,
            bollo_ricevuto=autografa and ricevuti.bollo,
            termine_giorni=impostazioni.termine_giorni,
            giorni_osservazioni=impostazioni.giorni_osservazioni,
        )
        self.stato = "acquisita"
        descrizione = f"Istanza acquisita con protocollo n. {protocollo}"
        if autografa:
            descrizione += f" ({ricevuti.descrizione()})"
        self._annota(ora, descrizione, chi.autore())
        return self.registrazione

    # --- the reporting councillor ---------------------------------------------------------------

    @property
    def relatore(self) -> Assegnazione | None:
        """The current assignment (the last one)."""
        return self.assegnazioni[-1] if self.assegnazioni else None

    def assegna(
        self,
        relatore: Relatore,
        *,
        ora: datetime,
        da: Utente | None = None,
        motivo: str | None = None,
    ) -> Assegnazione | None:
        """Make ``relatore`` responsible for the case: by the rule (``da`` None) or by a clerk.

        Earlier assignments stay in the history; a reassignment needs a reason. Assigning the
        councillor already responsible changes nothing (and returns None).
        """
        ora = _utc(ora)
        if da is not None:
            verifica_segreteria(da, self.ordine)
        if self.stato != "acquisita":
            raise StatoNonValidoError("Il relatore si assegna a una pratica acquisita")
        motivo = " ".join((motivo or "").split()) or None
        attuale = self.relatore
        if attuale is not None and attuale.relatore == relatore.username:
            return None
        if attuale is not None and motivo is None:
            messaggio = "Indica il motivo della riassegnazione"
            raise DatiNonValidiError(messaggio, {"motivo": messaggio})
        assegnazione = Assegnazione(
            relatore=relatore.username,
            nome=relatore.nome,
            assegnata_il=ora,
            da=da.username if da is not None else AUTOMATICA,
            motivo=motivo,
        )
        self.assegnazioni = (*self.assegnazioni, assegnazione)
        if attuale is None:
            descrizione = f"Relatore assegnato: {relatore.nome}"
        else:
            descrizione = f"Pratica riassegnata da {attuale.nome} a {relatore.nome}"
        if da is None:
            descrizione += " (assegnazione automatica)"
        if motivo:
            descrizione += f". Motivo: {motivo}"
        self._annota(ora, descrizione, da.autore() if da is not None else SISTEMA)
        return assegnazione

    # --- the notice of start of proceedings -----------------------------------------------------

    def richiedi_avvio(self) -> bool:
        """True once: when the case is acquired and has its relatore (who the notice names as
        responsible for the procedure), the notice is due."""
        if self.stato == "acquisita" and self.relatore is not None and not self.avvio_richiesto:
            self.avvio_richiesto = True
            return True
        return False

    def registra_avvio(
        self, comunicazioni: Sequence[Comunicazione], problemi: Sequence[str], ora: datetime
    ) -> None:
        """Record the notice generated and its deliveries, each waiting to be sent."""
        ora = _utc(ora)
        if self.comunicazioni:
            raise StatoNonValidoError("L'avviso di avvio del procedimento è già stato generato")
        self.comunicazioni = tuple(comunicazioni)
        self._annota(ora, f"{TIPI_COMUNICAZIONE['avvio_procedimento']} generata", SISTEMA)
        for comunicazione in comunicazioni:
            stato = STATI_INVIO[comunicazione.stato].lower()
            self._annota(
                ora,
                f"Avviso per {comunicazione.destinatario}: {stato} "
                f"({CANALI[comunicazione.canale]})",
                SISTEMA,
            )
        for problema in problemi:
            self._annota(ora, problema, SISTEMA)

    def aggiorna_comunicazione(
        self, comunicazione_id: str, stato: StatoInvio, ora: datetime, dettaglio: str
    ) -> bool:
        """A delivery service reported on a delivery of the notice; whether it changed it."""
        ora = _utc(ora)
        esito = avanza(self.comunicazioni, comunicazione_id, stato, ora)
        if esito is None:
            return False
        self.comunicazioni, comunicazione = esito
        via = CANALI[comunicazione.canale]
        self._annota(ora, f"Avviso per {comunicazione.destinatario} ({via}): {dettaglio}", SISTEMA)
        return True

    # --- observations ---------------------------------------------------------------------------

    def verifica_osservazioni(self, chi: Utente) -> None:
        verifica_segreteria(chi, self.ordine)
        if self.stato != "acquisita":
            raise StatoNonValidoError("Le osservazioni si aggiungono a una pratica acquisita")

    def aggiungi_osservazioni(self, osservazione: Osservazione, chi: Utente) -> None:
        """Add the client's observations; the same ``id`` twice is one addition."""
        if any(o.id == osservazione.id for o in self.osservazioni):
            return
        self.verifica_osservazioni(chi)
        self.osservazioni = (*self.osservazioni, osservazione)
        self._annota(
            _utc(osservazione.aggiunte_il),
            f"Osservazioni del cliente aggiunte: {osservazione.documento.nome_file}",
            chi.autore(),
        )

    # --- withdrawal -----------------------------------------------------------------------------

    def registra_rinuncia(self, motivo: str, ora: datetime, tramite: Tramite | None = None) -> bool:
        """The lawyer withdrew the application (pending or acquired) through ``tramite``
        (unknown for a withdrawal kept from before its deposit); False if known already.

        The protocol number, if any, stays the case's: numbers are never reused.
        """
        ora = _utc(ora)
        if self.stato == "rinunciata":
            return False
        self.stato = "rinunciata"
        self.rinunciata = Rinuncia(motivo=motivo, quando=ora)
        avvocato = Autore(chi=self.avvocato.nome_completo(), ruolo="avvocato", tramite=tramite)
        self._annota(ora, f"Rinuncia dell'avvocato: {motivo}", avvocato)
        return True

    # --- terms ----------------------------------------------------------------------------------

    def sospendi(self, dal: datetime, motivo: str) -> None:
        """Stop the term (e.g. integrations asked); it runs again at :meth:`riprendi`."""
        dal = _utc(dal)
        if self.registrazione is None:
            raise StatoNonValidoError("Il termine decorre dall'acquisizione")
        if any(s.al is None for s in self.sospensioni):
            raise StatoNonValidoError("Il termine è già sospeso")
        self.sospensioni = (*self.sospensioni, Sospensione(dal=dal, motivo=motivo))
        self._annota(dal, f"Termine sospeso: {motivo}", SISTEMA)

    def riprendi(self, al: datetime) -> None:
        al = _utc(al)
        aperte = [s for s in self.sospensioni if s.al is None]
        if not aperte:
            raise StatoNonValidoError("Il termine non è sospeso")
        chiusa = Sospensione(dal=aperte[0].dal, al=al, motivo=aperte[0].motivo)
        self.sospensioni = tuple(chiusa if s.al is None else s for s in self.sospensioni)
        self._annota(al, "Il termine riprende a decorrere", SISTEMA)

    def scadenza(self, oggi: date) -> date | None:
        """The last day of the procedure as of ``oggi``; None before acquisition."""
        registrazione = self.registrazione
        if registrazione is None:
            return None
        return termini.scadenza(
            registrazione.acquisita_il,
            registrazione.termine_giorni,
            self.sospensioni,
            oggi=oggi,
        )

    def scadenza_corrente(self) -> date | None:
        """The last day of a running term, which stays put until the term is suspended; None
        before acquisition and while the term is suspended (its end then moves every day)."""
        registrazione = self.registrazione
        if registrazione is None or any(s.al is None for s in self.sospensioni):
            return None
        return self.scadenza(registrazione.acquisita_il.date())

    def stato_termine(self, oggi: date, preavviso: int) -> StatoTermine | None:
        fine = self.scadenza(oggi)
        return None if fine is None else termini.stato_termine(fine, oggi=oggi, preavviso=preavviso)

    # --- internals ------------------------------------------------------------------------------

    def _annota(self, ora: datetime, descrizione: str, autore: Autore) -> None:
        self.cronologia = (*self.cronologia, Passo.di(autore, quando=ora, descrizione=descrizione))


def _iniziale_minuscola(testo: str) -> str:
    """``Firma autografa (...)`` as it reads inside a sentence."""
    return testo[:1].lower() + testo[1:]


def _utc(ora: datetime) -> datetime:
    # A naive time is a bug in the caller (whose clock? which zone?), not a user's mistake.
    if ora.tzinfo is None or ora.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return ora.astimezone(UTC)
