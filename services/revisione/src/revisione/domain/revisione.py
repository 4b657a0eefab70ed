"""The review of one case (the aggregate of `revisione`): who its relatore is, whether a
decision may be taken now, the requests for integration, the decision and the signed order.

States: ``da_decidere`` -> ``integrazione_richiesta`` (the term suspended) -> ``da_decidere``
again when the lawyer answers; ``da_decidere`` -> ``in_firma`` (decided, the order being
signed) -> ``decisa`` (the signed order kept). A decided case is never decided again; a case
the lawyer withdrew before the decision is ``rinunciata`` and is not decided."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from revisione.domain.decisione import Decisione
from revisione.domain.errori import (
    InAttesaError,
    NonAutorizzataError,
    NonTrovataError,
    StatoNonValidoError,
)

StatoRevisione = Literal[
    "da_decidere", "integrazione_richiesta", "in_firma", "decisa", "rinunciata"
]
NON_TROVATA = "Pratica non trovata"


@dataclass(frozen=True)
class Integrazione:
    testo: str
    giorni: int
    richiesta_il: datetime
    scadenza: datetime
    fornita_il: datetime | None = None
    nota: str | None = None


@dataclass(frozen=True)
class Provvedimento:
    """The signed order (or signed refusal) in the service's own blob area."""

    key: str
    sha256: str
    size: int
    nome_file: str
    certificato: str
    firmato_il: datetime


@dataclass
class Revisione:
    istanza_id: str
    ordine: str
    correlation_id: str
    codice: str | None = None
    protocollo: str | None = None
    acquisita_il: datetime | None = None
    relatore: str | None = None
    osservazioni_il: datetime | None = None
    rilasciato_il: datetime | None = None
    """When the signed decision became the lawyer's to download (``istanze`` says: at once, or
    once the council fee is paid)."""
    notificato_il: datetime | None = None
    """When the notice of start reached the client (the observations term runs from then)."""
    """When the client's observations reached the case (the first ones)."""
    stato: StatoRevisione = "da_decidere"
    integrazioni: tuple[Integrazione, ...] = ()
    decisione: Decisione | None = None
    provvedimento: Provvedimento | None = None

    # --- facts from acquisizione and istanze ---

    def registra_acquisizione(self, codice: str, protocollo: str, acquisita_il: datetime) -> None:
        self.codice, self.protocollo, self.acquisita_il = codice, protocollo, acquisita_il

    def assegna(self, relatore: str) -> bool:
        """The current relatore (a reassignment replaces the previous one); whether it changed.
        A decided case keeps the relatore who decided."""
        if self.relatore == relatore or self.decisione is not None:
            return False
        self.relatore = relatore
        return True

    def osservazioni_ricevute(self, ora: datetime) -> bool:
        """The client's observations arrived: a decision need not wait for the term's end."""
        if self.osservazioni_il is not None:
            return False
        self.osservazioni_il = ora
        return True

    def integrazione_fornita(self, nota: str, ora: datetime) -> bool:
        """The lawyer answered: back to the relatore. Whether anything changed (an answer
        arriving twice, or to no request, changes nothing)."""
        if self.stato != "integrazione_richiesta" or not self.integrazioni:
            return False
        ultima = replace(self.integrazioni[-1], fornita_il=ora, nota=nota)
        self.integrazioni = (*self.integrazioni[:-1], ultima)
        self.stato = "da_decidere"
        return True

    def rinuncia(self) -> bool:
        """The lawyer withdrew: no decision any more (one taken already stands, as in
        ``istanze``, where a decided case cannot be withdrawn). Whether it changed."""
        if self.decisione is not None or self.stato == "rinunciata":
            return False
        self.stato = "rinunciata"
        return True

    # --- who may act ---

    def verifica_relatore(self, username: str, ordine: str) -> None:
        """Raise unless ``username`` of ``ordine`` is the case's relatore (others are told the
        case does not exist, except a decided case's later relatore, who is told why not)."""
        if ordine != self.ordine or self.relatore is None or self.codice is None:
            raise NonTrovataError(NON_TROVATA)
        if username != self.relatore:
            raise NonTrovataError(NON_TROVATA)

    def verifica_lettura_provvedimento(self, ruolo: str, username: str, ordine: str) -> None:
        if ordine != self.ordine or self.provvedimento is None:
            raise NonTrovataError("Provvedimento non disponibile")
        if ruolo == "consigliere" and username != self.relatore:
            raise NonAutorizzataError("Solo il relatore della pratica può leggerlo")
        if ruolo == "avvocato" and self.rilasciato_il is None:
            raise StatoNonValidoError(
                "Il provvedimento non è ancora scaricabile: lo sarà appena l'Ordine lo rilascia "
                "(se l'Ordine lo chiede, dopo il pagamento dei diritti di opinamento)."
            )

    def rilascia(self, ora: datetime) -> bool:
        """The lawyer may download the signed decision from ``ora``; whether it changed."""
        if self.rilasciato_il is not None:
            return False
        self.rilasciato_il = ora
        return True

    # --- the term and the decision ---

    def osservazioni_fino_al(self, giorni: int) -> datetime | None:
        """End of the client's observations term: ``giorni`` days from when the notice of start
        reached the client; until that is known, from the acquisition (the notice goes out
        with it)."""
        inizio = self.notificato_il or self.acquisita_il
        if inizio is None:
            return None
        return inizio + timedelta(days=giorni)

    def avvio_notificato(self, ora: datetime) -> bool:
        """The notice reached the client (the first delivery counts); whether it changed."""
        if self.notificato_il is not None and self.notificato_il <= ora:
            return False
        self.notificato_il = ora
        return True

    def perche_non_decidibile(
        self, ora: datetime, *, attendi_osservazioni: bool, giorni_osservazioni: int
    ) -> str | None:
        """Why a decision may not be taken now, in Italian; None when it may."""
        if self.stato == "integrazione_richiesta":
            return "In attesa dell'integrazione richiesta all'avvocato"
        if self.stato == "rinunciata":
            return "L'avvocato ha rinunciato all'istanza"
        if self.stato != "da_decidere":
            return "La pratica è già stata decisa"
        if attendi_osservazioni and self.osservazioni_il is None:
            fine = self.osservazioni_fino_al(giorni_osservazioni)
            if fine is None or ora < fine:
                quando = f" ({fine:%d/%m/%Y})" if fine is not None else ""
                return f"Il termine per le osservazioni del cliente non è ancora scaduto{quando}"
        return None

    def decidi(
        self,
        decisione: Decisione,
        *,
        attendi_osservazioni: bool,
        giorni_osservazioni: int,
    ) -> None:
        self.verifica_relatore(decisione.relatore, self.ordine)
        if self.decisione is not None:
            raise StatoNonValidoError("La pratica è già stata decisa")
        motivo = self.perche_non_decidibile(
            decisione.decisa_il,
            attendi_osservazioni=attendi_osservazioni,
            giorni_osservazioni=giorni_osservazioni,
        )
        if motivo is not None:
            raise (StatoNonValidoError if self.stato != "da_decidere" else InAttesaError)(motivo)
        self.decisione = decisione
        self.stato = "in_firma"

    def richiedi_integrazione(
        self, relatore: str, testo: str, giorni: int, ora: datetime
    ) -> Integrazione:
        self.verifica_relatore(relatore, self.ordine)
        if self.stato != "da_decidere":
            raise StatoNonValidoError(
                "Un'integrazione si chiede solo a una pratica in attesa di decisione"
            )
        if self.integrazioni:
            # L. 241/1990 art. 2 c.7: the term is suspended "per una sola volta".
            prima = self.integrazioni[0].richiesta_il
            raise StatoNonValidoError(
                "Il termine si sospende una sola volta (art. 2, c. 7, L. 241/1990): "
                f"l'integrazione è già stata chiesta il {prima:%d/%m/%Y}. Decidi sugli atti."
            )
        integrazione = Integrazione(
            testo=testo.strip(), giorni=giorni, richiesta_il=ora, scadenza=ora + timedelta(giorni)
        )
        self.integrazioni = (*self.integrazioni, integrazione)
        self.stato = "integrazione_richiesta"
        return integrazione

    def firmato(self, provvedimento: Provvedimento) -> bool:
        """The signed order is kept: the review is done. Whether this changed anything."""
        if self.stato != "in_firma":
            return False
        self.provvedimento = provvedimento
        self.stato = "decisa"
        return True
