"""The application (istanza) while the lawyer writes it: its data, its attachments, who may
see and change it, and its timeline. :class:`~istanze.domain.istanza.Istanza` builds on this
with the document's signature, the deposit and the procedure that follows; the split is by
concern only (one aggregate, one stored document).

Every operation checks the state and the rules first and raises a
:class:`~istanze.domain.errori.DomainError` before changing anything, so a refused operation
leaves the aggregate exactly as it was. Times are timezone-aware and stored in UTC.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, DecimalException
from typing import Final, Self

from istanze.domain import accesso, impronta
from istanze.domain.allegati import (
    SHA256_HEX,
    Allegato,
    pulisci_nome_file,
    verifica_nuovo_allegato,
)
from istanze.domain.contenuto import (
    PARTI,
    ContenutoIstanza,
    NonLetto,
    Parte,
    parte_del_percorso,
)
from istanze.domain.cronologia import Evento, evento, in_utc
from istanze.domain.deposito import Deposito, DocumentoIstanza, FileFirmato
from istanze.domain.errori import DatiNonValidiError, NonTrovataError, StatoNonValidoError
from istanze.domain.persone import Avvocato, Utente
from istanze.domain.regole import REGOLE_PREDEFINITE, RegoleOrdine
from istanze.domain.requisiti import ETICHETTE, Fatti, non_soddisfatti
from istanze.domain.tipi_file import CONTENT_TYPE
from istanze.domain.verifiche import verifica_contenuto
from parcelle_compensi import Totali, calcola_totali
from parcelle_contracts.vocabolario import CategoriaAllegato, Requisito, Stato, TipoFile

GIA_DEPOSITATA: Final = "L'istanza è già stata depositata"


@dataclass(kw_only=True)
class Bozza:
    """The state of an application and the operations of its draft. Build a new one with
    :meth:`crea` (on :class:`~istanze.domain.istanza.Istanza`)."""

    id: str
    codice: str
    """Human code printed as a 2D code on the receipt; its last group is a check element."""
    ordine: str
    avvocato: Avvocato
    creata_il: datetime
    aggiornata_il: datetime
    stato: Stato = "bozza"
    contenuto: ContenutoIstanza = field(default_factory=ContenutoIstanza)
    non_letti: tuple[NonLetto, ...] = ()
    """Fields typed but not readable as their type, kept as typed until corrected."""
    allegati: tuple[Allegato, ...] = ()
    documento: DocumentoIstanza | None = None
    """The application PDF last generated; ``None`` once the data it shows changed."""
    firmato: FileFirmato | None = None
    """The verified signed file proposed for (or used at) deposit."""
    deposito: Deposito | None = None
    protocollo: str | None = None
    cronologia: tuple[Evento, ...] = ()

    # --- creation and access ------------------------------------------------------------------

    @classmethod
    def crea(
        cls,
        *,
        id: str,
        codice: str,
        ordine: str,
        avvocato: Avvocato,
        ora: datetime,
        contenuto: ContenutoIstanza | None = None,
        autore: Utente | None = None,
    ) -> Self:
        """A new draft (bozza) of ``avvocato``'s, in ``ordine``; ``autore`` is the lawyer as
        they act now (through what), for the timeline."""
        if not (id and codice and ordine and avvocato.username):
            raise ValueError("id, codice, ordine and the lawyer's username are required")
        ora = in_utc(ora)
        istanza = cls(
            id=id,
            codice=codice,
            ordine=ordine,
            avvocato=avvocato,
            contenuto=contenuto if contenuto is not None else ContenutoIstanza(),
            creata_il=ora,
            aggiornata_il=ora,
        )
        istanza._annota(ora, "Bozza creata", autore or istanza._titolare())
        return istanza

    def verifica_lettura(self, utente: Utente) -> None:
        """Raise :class:`NonTrovataError` unless ``utente`` may see this case (see
        :func:`~istanze.domain.accesso.verifica_lettura`)."""
        accesso.verifica_lettura(
            utente, ordine=self.ordine, titolare=self.avvocato.username, stato=self.stato
        )

    def verifica_titolare(self, utente: Utente) -> None:
        """Raise unless ``utente`` is the lawyer who owns the case (who alone may change it)."""
        accesso.verifica_titolare(
            utente, ordine=self.ordine, titolare=self.avvocato.username, stato=self.stato
        )

    # --- the draft ------------------------------------------------------------------------------

    def aggiorna(
        self,
        parti: Iterable[Parte],
        contenuto: ContenutoIstanza,
        ora: datetime,
        non_letti: Iterable[NonLetto] = (),
    ) -> None:
        """Replace the ``parti`` of the content with those of ``contenuto``, and the fields of
        those parts kept as typed with ``non_letti``; only in a draft.

        Wrong values are saved as they are (nothing typed is lost): :meth:`verifica_campi`
        names each, and a deposit waits until none is left. Any change to what the document
        shows invalidates the generated document and the signed file proposed for it.
        """
        ora = in_utc(ora)
        self._solo_in_bozza("modificare")
        scelte = tuple(parti)
        ignote = sorted(str(parte) for parte in scelte if parte not in PARTI)
        if ignote:
            raise DatiNonValidiError("Parti del contenuto sconosciute: " + ", ".join(ignote))
        nuovo = replace(self.contenuto, **{parte: getattr(contenuto, parte) for parte in scelte})
        altrove = tuple(n for n in self.non_letti if parte_del_percorso(n.percorso) not in scelte)
        dati = tuple(n for n in non_letti if parte_del_percorso(n.percorso) in scelte)
        fuori = sorted(n.percorso for n in non_letti if n not in dati)
        if fuori:
            raise DatiNonValidiError("Campi fuori dalle parti aggiornate: " + ", ".join(fuori))
        nuovi_non_letti = (*altrove, *dati)
        if nuovo != self.contenuto or nuovi_non_letti != self.non_letti:
            self.contenuto = nuovo
            self.non_letti = nuovi_non_letti
            self._invalida_documento()
        self.aggiornata_il = ora

    def verifica_campi(self) -> dict[str, str]:
        """Field path -> Italian message for what is present but wrong: every wrong value of
        the content, and every field kept as typed because it could not be read."""
        errori = verifica_contenuto(self.contenuto)
        for non_letto in self.non_letti:
            if non_letto.errore:
                errori[non_letto.percorso] = non_letto.errore
        return errori

    def requisiti_mancanti(self, regole: RegoleOrdine = REGOLE_PREDEFINITE) -> list[Requisito]:
        """What a deposit still needs under ``regole``, in the order the Ordine lists it."""
        fatti = Fatti(
            contenuto=self.contenuto,
            categorie_allegati=frozenset(a.categoria for a in self.allegati),
            avvocato=self.avvocato,
        )
        return non_soddisfatti(fatti, regole.requisiti)

    def mancanti(self, regole: RegoleOrdine = REGOLE_PREDEFINITE) -> list[str]:
        """Italian labels of what a deposit still needs under ``regole``."""
        return [ETICHETTE[requisito] for requisito in self.requisiti_mancanti(regole)]

    def fingerprint(self) -> str:
        """SHA-256 of what the application document shows: who, for what, with which files.

        Attachments are part of it because the document lists them with their SHA-256, so the
        signature covers them too.
        """
        return impronta.fingerprint_istanza(
            codice=self.codice,
            ordine=self.ordine,
            avvocato=self.avvocato,
            contenuto=self.contenuto,
            allegati=self.allegati,
        )

    # --- attachments ----------------------------------------------------------------------------

    def aggiungi_allegato(
        self,
        *,
        id: str,
        categoria: CategoriaAllegato,
        nome_file: str,
        tipo: TipoFile | None,
        dimensione: int,
        sha256: str,
        blob_key: str,
        ora: datetime,
        regole: RegoleOrdine = REGOLE_PREDEFINITE,
        integrazione: bool = False,
    ) -> Allegato:
        """Attach a file whose ``tipo`` was sniffed from its content (``None``: unknown).

        A repeated call with the same ``id`` and file returns the attachment already there.
        ``integrazione``: a document answering the relatore's request, added after the deposit
        (the caller checked the state); the deposited application stays as it was signed.
        """
        ora = in_utc(ora)
        if not SHA256_HEX.match(sha256):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        esistente = next((a for a in self.allegati if a.id == id), None)
        if esistente is not None and (esistente.sha256, esistente.blob_key) == (sha256, blob_key):
            return esistente
        if not integrazione:
            self._solo_in_bozza("aggiungere allegati")
        if esistente is not None:
            raise DatiNonValidiError("Esiste già un allegato con questo identificativo")
        verifica_nuovo_allegato(
            self.allegati, categoria=categoria, tipo=tipo, dimensione=dimensione, regole=regole
        )
        assert tipo is not None  # verifica_nuovo_allegato refuses an unknown type
        allegato = Allegato(
            id=id,
            categoria=categoria,
            nome_file=pulisci_nome_file(nome_file),
            content_type=CONTENT_TYPE[tipo],
            tipo=tipo,
            dimensione=dimensione,
            sha256=sha256,
            blob_key=blob_key,
            caricato_il=ora,
        )
        self.allegati = (*self.allegati, allegato)
        if not integrazione:
            self._invalida_documento()
        self.aggiornata_il = ora
        return allegato

    def rimuovi_allegato(self, allegato_id: str, ora: datetime) -> Allegato:
        """Remove an attachment from a draft; returns it (its blob may then be deleted)."""
        ora = in_utc(ora)
        self._solo_in_bozza("rimuovere allegati")
        allegato = self.allegato(allegato_id)
        self.allegati = tuple(a for a in self.allegati if a.id != allegato_id)
        self._invalida_documento()
        self.aggiornata_il = ora
        return allegato

    def allegato(self, allegato_id: str) -> Allegato:
        """The attachment ``allegato_id``, or :class:`NonTrovataError`."""
        for allegato in self.allegati:
            if allegato.id == allegato_id:
                return allegato
        raise NonTrovataError("Allegato non trovato")

    # --- amounts and names ----------------------------------------------------------------------

    def totali(self) -> Totali | None:
        """The amounts of the fee note, or ``None`` while there is no valid item to add up."""
        if not self.contenuto.voci:
            return None
        try:
            return calcola_totali(
                (voce.importo for voce in self.contenuto.voci),
                spese=self.contenuto.spese,
                spese_generali_percentuale=self.contenuto.spese_generali_percentuale,
            )
        except (ValueError, DecimalException):
            return None  # a negative or malformed amount: verifica_campi() says which

    def importo_richiesto(self) -> Decimal | None:
        """The fee asked for (compenso: the sum of the items), what the opinion is about."""
        totali = self.totali()
        return totali.compenso if totali is not None else None

    def nome_cliente(self) -> str | None:
        """The client as lists name them: the company name, or given and family name."""
        cliente = self.contenuto.cliente
        return cliente.nome_completo() if cliente is not None else None

    # --- internals ------------------------------------------------------------------------------

    def _solo_in_bozza(self, azione: str) -> None:
        if self.stato != "bozza":
            raise StatoNonValidoError(f"{GIA_DEPOSITATA}: non si può più {azione}")

    def _invalida_documento(self) -> None:
        self.documento = None
        self.firmato = None

    def _titolare(self) -> Utente:
        """The case's lawyer as the user acting, when the caller names nobody else."""
        avvocato = self.avvocato
        return Utente(
            username=avvocato.username,
            ruolo="avvocato",
            ordine=self.ordine,
            nome=avvocato.nome,
            cognome=avvocato.cognome,
        )

    def _annota(self, ora: datetime, descrizione: str, chi: Utente | None) -> None:
        self.cronologia = (*self.cronologia, evento(ora, self.stato, descrizione, chi))
