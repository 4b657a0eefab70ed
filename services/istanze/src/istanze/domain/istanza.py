"""The application (istanza) aggregate: a lawyer's request for a fee opinion, from draft to
deposit and through the procedure that follows.

Every operation checks the state and the rules first and raises a
:class:`~istanze.domain.errori.DomainError` before changing anything, so a refused operation
leaves the aggregate exactly as it was. Times are timezone-aware and stored in UTC.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal, DecimalException

from istanze.domain import accesso, impronta
from istanze.domain.allegati import (
    SHA256_HEX,
    Allegato,
    CategoriaAllegato,
    pulisci_nome_file,
    verifica_nuovo_allegato,
)
from istanze.domain.contenuto import PARTI, ContenutoIstanza, Parte
from istanze.domain.deposito import (
    Deposito,
    DocumentoIstanza,
    FileFirmato,
    Firma,
    Ricevuta,
    descrizione_deposito,
    firma_del_deposito,
    verifica_firma_proposta,
)
from istanze.domain.errori import (
    DatiNonValidiError,
    DocumentoNonAggiornatoError,
    GiaDepositataError,
    IncompletaError,
    NonTrovataError,
    StatoNonValidoError,
)
from istanze.domain.importi import Totali, calcola_totali
from istanze.domain.persone import Avvocato, Utente
from istanze.domain.procedura import (
    verifica_acquisizione,
    verifica_cambio_stato,
    verifica_rinuncia,
)
from istanze.domain.regole import REGOLE_PREDEFINITE, RegoleOrdine
from istanze.domain.requisiti import Fatti
from istanze.domain.requisiti import mancanti as _mancanti
from istanze.domain.stati import Stato, verifica_transizione
from istanze.domain.tipi_file import CONTENT_TYPE, TipoFile
from istanze.domain.verifiche import verifica_contenuto

_GIA_DEPOSITATA = "L'istanza è già stata depositata"


@dataclass(frozen=True, kw_only=True)
class Evento:
    """One line of the case's timeline, as the lawyer reads it."""

    quando: datetime
    stato: Stato
    descrizione: str
    chi: str | None = None


@dataclass(kw_only=True)
class Istanza:
    """The application and the case it becomes. Build a new one with :meth:`crea`."""

    id: str
    codice: str
    """Human code printed as a 2D code on the receipt; its last group is a check element."""
    ordine: str
    avvocato: Avvocato
    creata_il: datetime
    aggiornata_il: datetime
    stato: Stato = "bozza"
    contenuto: ContenutoIstanza = field(default_factory=ContenutoIstanza)
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
    ) -> "Istanza":
        """A new draft (bozza) of ``avvocato``'s, in ``ordine``."""
        if not (id and codice and ordine and avvocato.username):
            raise ValueError("id, codice, ordine and the lawyer's username are required")
        ora = _utc(ora)
        istanza = cls(
            id=id,
            codice=codice,
            ordine=ordine,
            avvocato=avvocato,
            contenuto=contenuto if contenuto is not None else ContenutoIstanza(),
            creata_il=ora,
            aggiornata_il=ora,
        )
        istanza._annota(ora, "Bozza creata", avvocato.nome_completo())
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

    def aggiorna(self, parti: Iterable[Parte], contenuto: ContenutoIstanza, ora: datetime) -> None:
        """Replace the ``parti`` of the content with those of ``contenuto``; only in a draft.

        Any change to what the document shows invalidates the generated document and the
        signed file proposed for it.
        """
        ora = _utc(ora)
        self._solo_in_bozza("modificare")
        scelte = tuple(parti)
        ignote = sorted(str(parte) for parte in scelte if parte not in PARTI)
        if ignote:
            raise DatiNonValidiError("Parti del contenuto sconosciute: " + ", ".join(ignote))
        nuovo = replace(self.contenuto, **{parte: getattr(contenuto, parte) for parte in scelte})
        if nuovo != self.contenuto:
            self.contenuto = nuovo
            self._invalida_documento()
        self.aggiornata_il = ora

    def verifica_campi(self) -> dict[str, str]:
        """Field path -> Italian message for what is present but wrong."""
        return verifica_contenuto(self.contenuto)

    def mancanti(self, regole: RegoleOrdine = REGOLE_PREDEFINITE) -> list[str]:
        """Italian labels of what a deposit still needs under ``regole``."""
        fatti = Fatti(
            contenuto=self.contenuto,
            categorie_allegati=frozenset(a.categoria for a in self.allegati),
            avvocato=self.avvocato,
        )
        return _mancanti(fatti, regole.requisiti)

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
    ) -> Allegato:
        """Attach a file whose ``tipo`` was sniffed from its content (``None``: unknown).

        A repeated call with the same ``id`` and file returns the attachment already there.
        """
        ora = _utc(ora)
        if not SHA256_HEX.match(sha256):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        esistente = next((a for a in self.allegati if a.id == id), None)
        if esistente is not None and (esistente.sha256, esistente.blob_key) == (sha256, blob_key):
            return esistente
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
        self._invalida_documento()
        self.aggiornata_il = ora
        return allegato

    def rimuovi_allegato(self, allegato_id: str, ora: datetime) -> Allegato:
        """Remove an attachment from a draft; returns it (its blob may then be deleted)."""
        ora = _utc(ora)
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

    # --- document, signature, deposit -----------------------------------------------------------

    def registra_documento(
        self, *, blob_key: str, sha256: str, dimensione: int, fingerprint: str, ora: datetime
    ) -> DocumentoIstanza:
        """Record the application PDF generated from the data whose fingerprint is given.

        Refused if the data changed while it was being generated. Registering the same
        document again changes nothing (and keeps the signed file proposed for it).
        """
        ora = _utc(ora)
        self._solo_in_bozza("generare di nuovo il documento")
        if fingerprint != self.fingerprint():
            raise DocumentoNonAggiornatoError(
                "I dati dell'istanza sono cambiati mentre si generava il documento: "
                "generarlo di nuovo"
            )
        documento = DocumentoIstanza(
            blob_key=blob_key, sha256=sha256, dimensione=dimensione, fingerprint=fingerprint
        )
        if documento != self.documento:
            self.documento = documento
            self.firmato = None
            self.aggiornata_il = ora
        return documento

    @property
    def documento_pronto(self) -> bool:
        """Whether the generated application PDF matches the current data."""
        return self.documento is not None and self.documento.fingerprint == self.fingerprint()

    def proponi_firmato(
        self, *, blob_key: str, sha256: str, dimensione: int, firma: Firma, ora: datetime
    ) -> FileFirmato:
        """Keep a verified signed file for the deposit: it must sign the current document, and
        be signed by the lawyer who owns the case."""
        ora = _utc(ora)
        self._solo_in_bozza("firmare")
        verifica_firma_proposta(
            firma,
            documento=self.documento if self.documento_pronto else None,
            codice_fiscale_titolare=self.avvocato.codice_fiscale,
        )
        firmato = FileFirmato(blob_key=blob_key, sha256=sha256, dimensione=dimensione, firma=firma)
        if firmato != self.firmato:
            self.firmato = firmato
            self.aggiornata_il = ora
        return firmato

    @property
    def firma(self) -> Firma | None:
        """The signature of the deposited application, or before deposit the one proposed."""
        if self.deposito is not None:
            return self.deposito.firma
        return self.firmato.firma if self.firmato is not None else None

    def verifica_depositabile(self, regole: RegoleOrdine = REGOLE_PREDEFINITE) -> Firma:
        """Raise what would stop a deposit now; otherwise the signature it would record."""
        if self.deposito is not None:
            raise GiaDepositataError(_GIA_DEPOSITATA)
        self._solo_in_bozza("depositare")
        campi = self.verifica_campi()
        if campi:
            raise DatiNonValidiError(
                "Alcuni dati dell'istanza non sono validi: correggerli prima del deposito", campi
            )
        mancanti = self.mancanti(regole)
        if mancanti:
            raise IncompletaError(mancanti)
        return firma_del_deposito(
            documento=self.documento if self.documento_pronto else None,
            firmato=self.firmato,
            avvocato=self.avvocato,
            regole=regole,
        )

    def deposita(
        self,
        ora: datetime,
        regole: RegoleOrdine = REGOLE_PREDEFINITE,
        ricevuta: Ricevuta | None = None,
    ) -> Deposito:
        """Deposit the draft: complete, valid, with the current document and, unless the Ordine
        accepts a hand-signed original, a digitally signed file.

        A second deposit raises :class:`GiaDepositataError` (and changes nothing), which the
        handler answers with the deposit already made.
        """
        ora = _utc(ora)
        firma = self.verifica_depositabile(regole)
        verifica_transizione(self.stato, "depositata")
        self.deposito = Deposito(depositata_il=ora, firma=firma, ricevuta=ricevuta)
        self.stato = "depositata"
        self.aggiornata_il = ora
        self._annota(ora, descrizione_deposito(firma), self.avvocato.nome_completo())
        return self.deposito

    def registra_ricevuta(self, ricevuta: Ricevuta, ora: datetime) -> None:
        """Attach the deposit receipt, once: a receipt is a legal document and never changes."""
        ora = _utc(ora)
        if self.deposito is None:
            raise StatoNonValidoError("L'istanza non è ancora stata depositata")
        if self.deposito.ricevuta == ricevuta:
            return
        if self.deposito.ricevuta is not None:
            raise StatoNonValidoError("La ricevuta di deposito è già stata emessa")
        self.deposito = replace(self.deposito, ricevuta=ricevuta)
        self.aggiornata_il = ora

    # --- after the deposit ----------------------------------------------------------------------

    def rinuncia(self, motivo: str, ora: datetime, chi: Utente) -> None:
        """The owning lawyer withdraws the application (until the council has decided)."""
        ora = _utc(ora)
        self.verifica_titolare(chi)
        motivo = verifica_rinuncia(self.stato, motivo)
        self._passa_a("rinunciata", ora, f"Rinuncia all'istanza: {motivo}", chi.nome_completo())

    def registra_protocollo(self, numero: str, ora: datetime, chi: Utente) -> None:
        """The secretariat acquires the deposited application and registers it."""
        ora = _utc(ora)
        self.verifica_lettura(chi)
        numero = verifica_acquisizione(self.stato, self.protocollo, numero, chi)
        self._passa_a(
            "acquisita", ora, f"Istanza acquisita con protocollo n. {numero}", chi.nome_completo()
        )
        self.protocollo = numero

    def cambia_stato(
        self, nuovo: Stato, ora: datetime, descrizione: str, chi: str | None = None
    ) -> None:
        """Move the case on as the procedure goes (integration asked, order issued, closed).

        For the steps other services report; deposit, withdrawal and acquisition have their
        own operations because they record facts of their own.
        """
        ora = _utc(ora)
        verifica_cambio_stato(self.stato, nuovo, self.protocollo)
        self._passa_a(nuovo, ora, descrizione, chi)

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
            raise StatoNonValidoError(f"{_GIA_DEPOSITATA}: non si può più {azione}")

    def _invalida_documento(self) -> None:
        self.documento = None
        self.firmato = None

    def _passa_a(self, nuovo: Stato, ora: datetime, descrizione: str, chi: str | None) -> None:
        verifica_transizione(self.stato, nuovo)
        self.stato = nuovo
        self.aggiornata_il = ora
        self._annota(ora, descrizione, chi)

    def _annota(self, ora: datetime, descrizione: str, chi: str | None) -> None:
        evento = Evento(quando=ora, stato=self.stato, descrizione=descrizione, chi=chi)
        self.cronologia = (*self.cronologia, evento)


def _utc(ora: datetime) -> datetime:
    # A naive time is a bug in the caller (whose clock? which zone?), not a user's mistake.
    if ora.tzinfo is None or ora.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return ora.astimezone(UTC)
