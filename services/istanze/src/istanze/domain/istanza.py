"""The application (istanza) aggregate: a lawyer's request for a fee opinion, from draft to
deposit and through the procedure that follows.

:class:`~istanze.domain.bozza.Bozza` holds the state and the draft's operations; this module
adds the application document, its signature, the deposit, the steps after it, and what the
asking user may do now. Every operation checks the state and the rules first and raises a
:class:`~istanze.domain.errori.DomainError` before changing anything.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from istanze.domain.azioni import Azione, consentite
from istanze.domain.bozza import GIA_DEPOSITATA, Bozza
from istanze.domain.consegne import (
    AvvisoPagoPA,
    Consegna,
    FileProvvedimento,
    Pagamento,
    Prova,
    Recapito,
    gia_inviata,
    inviata_al_cliente_il,
    nuove_consegne,
)
from istanze.domain.cronologia import in_utc
from istanze.domain.deposito import (
    Deposito,
    DocumentoIstanza,
    FileFirmato,
    Firma,
    Ricevuta,
    descrizione_deposito,
    descrizione_firma,
    firma_del_deposito,
    verifica_firma_proposta,
)
from istanze.domain.errori import (
    DatiNonValidiError,
    DocumentoNonAggiornatoError,
    GiaDepositataError,
    IncompletaError,
    StatoNonValidoError,
)
from istanze.domain.integrazione import IntegrazioneAttesa
from istanze.domain.persone import Utente
from istanze.domain.procedura import (
    verifica_acquisizione,
    verifica_cambio_stato,
    verifica_rinuncia,
)
from istanze.domain.regole import REGOLE_PREDEFINITE, RegoleOrdine
from istanze.domain.stati import verifica_transizione
from istanze.domain.termini import scadenza_opposizione
from parcelle_contracts.vocabolario import CANALI, Stato, StatoInvio


@dataclass(kw_only=True)
class Istanza(Bozza):
    """The application and the case it becomes. Build a new one with :meth:`crea`."""

    integrazione: IntegrazioneAttesa | None = None
    """What the relatore asked and the lawyer owes, while the case waits for it."""
    provvedimento_sha256: str | None = None
    """The signed order's (or refusal's) fingerprint, once ``revisione`` has it."""
    diritti: Decimal | None = None
    """The council fee the signed decision states."""
    relatore: str | None = None
    """The reporting councillor's login name, as ``acquisizione`` last assigned it."""
    provvedimento_file: FileProvvedimento | None = None
    """Where ``revisione`` keeps the signed decision (for the mails that carry it)."""
    avviso_pagopa: AvvisoPagoPA | None = None
    """The pagoPA notice the council fee is paid with, where the Ordine has an intermediary."""
    pagamento: Pagamento | None = None
    """The council fee, once the secretariat registered its payment."""
    consegne: tuple[Consegna, ...] = ()
    """The signed order sent to the client and other obligors, one line per recipient."""

    # --- document, signature, deposit -----------------------------------------------------------

    def registra_documento(
        self, *, blob_key: str, sha256: str, dimensione: int, fingerprint: str, ora: datetime
    ) -> DocumentoIstanza:
        """Record the application PDF generated from the data whose fingerprint is given.

        Refused if the data changed while it was being generated. Registering the same
        document again changes nothing (and keeps the signed file proposed for it).
        """
        ora = in_utc(ora)
        self._solo_in_bozza("generare di nuovo il documento")
        if fingerprint != self.fingerprint():
            raise DocumentoNonAggiornatoError(
                "I dati dell'istanza sono cambiati mentre si generava il documento: "
                "generalo di nuovo"
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
        self,
        *,
        blob_key: str,
        sha256: str,
        dimensione: int,
        firma: Firma,
        ora: datetime,
        chi: Utente | None = None,
    ) -> FileFirmato:
        """Keep a verified signed file for the deposit: it must sign the current document, and
        be signed by the lawyer who owns the case (``chi``, acting now)."""
        ora = in_utc(ora)
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
            autore = chi or self._titolare()
            self._annota(ora, descrizione_firma(firma, autore.nome_completo()), autore)
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
            raise GiaDepositataError(GIA_DEPOSITATA)
        self._solo_in_bozza("depositare")
        campi = self.verifica_campi()
        if campi:
            raise DatiNonValidiError(
                "Alcuni dati dell'istanza non sono validi: correggili prima del deposito", campi
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
        chi: Utente | None = None,
    ) -> Deposito:
        """Deposit the draft: complete, valid, with the current document and, unless the Ordine
        accepts a hand-signed original, a digitally signed file.

        A second deposit raises :class:`GiaDepositataError` (and changes nothing), which the
        handler answers with the deposit already made. ``chi`` is the lawyer acting now
        (through what, for the timeline); by default the case's lawyer.
        """
        ora = in_utc(ora)
        firma = self.verifica_depositabile(regole)
        verifica_transizione(self.stato, "depositata")
        self.deposito = Deposito(depositata_il=ora, firma=firma, ricevuta=ricevuta)
        self.stato = "depositata"
        self.aggiornata_il = ora
        autore = chi or self._titolare()
        self._annota(ora, descrizione_deposito(firma, autore.nome_completo()), autore)
        return self.deposito

    def registra_ricevuta(self, ricevuta: Ricevuta, ora: datetime) -> None:
        """Attach the deposit receipt, once: a receipt is a legal document and never changes."""
        ora = in_utc(ora)
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
        ora = in_utc(ora)
        self.verifica_titolare(chi)
        motivo = verifica_rinuncia(self.stato, motivo)
        self._passa_a("rinunciata", ora, f"Rinuncia all'istanza: {motivo}", chi)

    def registra_protocollo(self, numero: str, ora: datetime, chi: Utente) -> None:
        """The secretariat acquires the deposited application and registers it."""
        ora = in_utc(ora)
        self.verifica_lettura(chi)
        numero = verifica_acquisizione(self.stato, self.protocollo, numero, chi)
        self._passa_a("acquisita", ora, f"Istanza acquisita con protocollo n. {numero}", chi)
        self.protocollo = numero

    def cambia_stato(
        self, nuovo: Stato, ora: datetime, descrizione: str, chi: Utente | None = None
    ) -> None:
        """Move the case on as the procedure goes (integration asked, order issued, closed).

        For the steps other services report; deposit, withdrawal and acquisition have their
        own operations because they record facts of their own.
        """
        ora = in_utc(ora)
        verifica_cambio_stato(self.stato, nuovo, self.protocollo)
        self._passa_a(nuovo, ora, descrizione, chi)

    def richiedi_integrazione(self, testo: str, scadenza: datetime, ora: datetime) -> None:
        """The relatore asked the lawyer for integration (reported by ``revisione``)."""
        ora = in_utc(ora)
        self.cambia_stato("integrazione_richiesta", ora, f"Integrazione richiesta: {testo}")
        self.integrazione = IntegrazioneAttesa(
            testo=testo, scadenza=in_utc(scadenza), richiesta_il=ora
        )

    def verifica_risposta(self, chi: Utente, nota: str) -> str:
        """The note, tidied, if ``chi`` may answer the request for integration now."""
        self.verifica_titolare(chi)
        if self.stato != "integrazione_richiesta":
            raise StatoNonValidoError("Non è stata richiesta alcuna integrazione")
        nota = " ".join(nota.split())
        if not nota:
            raise DatiNonValidiError("Scrivi una nota", {"nota": "Scrivi una nota"})
        return nota

    def rispondi_integrazione(self, nota: str, ora: datetime, chi: Utente) -> None:
        """The lawyer answered (the documents added beforehand): back to the relatore."""
        nota = self.verifica_risposta(chi, nota)
        self.cambia_stato("acquisita", in_utc(ora), f"Integrazione fornita: {nota}", chi)
        self.integrazione = None

    def registra_provvedimento(
        self,
        stato: Stato,
        sha256: str,
        ora: datetime,
        descrizione: str,
        diritti: Decimal,
        file: FileProvvedimento | None = None,
    ) -> bool:
        """The signed order (or refusal) exists (reported by ``revisione``); whether this
        changed the case (the same order reported again changes nothing)."""
        if self.provvedimento_sha256 == sha256:
            return False
        self.cambia_stato(stato, in_utc(ora), descrizione)
        self.provvedimento_sha256 = sha256
        self.provvedimento_file = file
        self.diritti = diritti
        self.integrazione = None
        return True

    # --- after the decision: payment, release, the order sent to the client ------------------

    def registra_pagamento(self, pagamento: Pagamento, chi: Utente) -> bool:
        """The secretariat registers the council fee's payment; whether it changed the case
        (the same payment registered twice changes nothing, a different one is refused)."""
        self.verifica_lettura(chi)
        if chi.ruolo != "segreteria":
            raise StatoNonValidoError("Solo la segreteria registra il pagamento dei diritti")
        if self.diritti is None or self.provvedimento_sha256 is None:
            raise StatoNonValidoError("Non ci sono diritti da pagare: manca il provvedimento")
        if self.pagamento is not None:
            if replace(pagamento, registrato_il=self.pagamento.registrato_il) == self.pagamento:
                return False
            raise StatoNonValidoError("Il pagamento dei diritti è già stato registrato")
        riferimento = " ".join(pagamento.riferimento.split())
        if not riferimento:
            raise DatiNonValidiError(
                "Indica il riferimento del pagamento", {"riferimento": "Indica il riferimento"}
            )
        self.pagamento = replace(pagamento, riferimento=riferimento, importo=self.diritti)
        self.aggiornata_il = in_utc(pagamento.registrato_il)
        self._annota(
            self.aggiornata_il,
            f"Pagamento dei diritti registrato: € {self.diritti} ({riferimento})",
            chi,
        )
        return True

    def rilasciato(self, regole: RegoleOrdine = REGOLE_PREDEFINITE) -> bool:
        """Whether the lawyer may download the signed decision now."""
        if self.provvedimento_sha256 is None:
            return False
        da_pagare = regole.pagamento_prima_del_rilascio and bool(self.diritti)
        return not da_pagare or self.pagamento is not None

    def invia_provvedimento(
        self,
        recapiti: list[Recapito],
        ids: list[str],
        ora: datetime,
        chi: Utente,
        regole: RegoleOrdine = REGOLE_PREDEFINITE,
        *,
        solo_prima_volta: bool = False,
    ) -> list[Consegna]:
        """Send the signed decision to the recipients chosen (the owning lawyer, or the
        Ordine's secretariat); the deliveries made, each waiting for its channel's report.
        ``solo_prima_volta``: refuse if it was sent to the client already."""
        ora = in_utc(ora)
        self.verifica_lettura(chi)
        if chi.ruolo == "avvocato":
            self.verifica_titolare(chi)
        elif chi.ruolo != "segreteria":
            raise StatoNonValidoError("Solo l'avvocato o la segreteria inviano il provvedimento")
        if not self.rilasciato(regole):
            raise StatoNonValidoError(
                "Il provvedimento non è ancora disponibile: manca la firma o il pagamento"
            )
        if solo_prima_volta:
            gia_inviata(self.consegne)
        nuove = nuove_consegne(recapiti, ids, ora, chi.nome_completo())
        self.consegne = (*self.consegne, *nuove)
        self.aggiornata_il = ora
        for consegna in nuove:
            via = CANALI[consegna.recapito.canale]
            self._annota(ora, f"Provvedimento inviato a {consegna.recapito.nome} ({via})", chi)
        return nuove

    def aggiorna_consegna(
        self,
        consegna_id: str,
        stato: StatoInvio,
        ora: datetime,
        dettaglio: str = "",
        notificata_il: date | None = None,
        prova: Prova | None = None,
    ) -> bool:
        """A delivery service reported on a delivery of this case (with the receipt it kept,
        if any); whether it changed it."""
        for i, consegna in enumerate(self.consegne):
            if consegna.id == consegna_id:
                nuova = consegna.avanza(stato, in_utc(ora), dettaglio, notificata_il, prova)
                if nuova == consegna:
                    return False
                self.consegne = (*self.consegne[:i], nuova, *self.consegne[i + 1 :])
                via = CANALI[consegna.recapito.canale]
                testo = f"Provvedimento a {consegna.recapito.nome} ({via}): {dettaglio}"
                self._annota(in_utc(ora), testo, None)
                return True
        return False

    def inviata_al_cliente_il(self) -> datetime | None:
        """When the signed order was first sent to the client, if it was."""
        return inviata_al_cliente_il(self.consegne)

    def opposizione_entro(self) -> date | None:
        """The last day of the art. 7 L. 49/2023 opposition, once the order was served on the
        client (the first service counts); ``None`` where art. 7 was not asked."""
        pratica = self.contenuto.pratica
        if pratica is None or not pratica.equo_compenso_art7:
            return None
        notifiche = [
            c.notificata_il
            for c in self.consegne
            if c.recapito.ruolo == "cliente" and c.notificata_il is not None
        ]
        return scadenza_opposizione(min(notifiche)) if notifiche else None

    # --- what the asking user may do ----------------------------------------------------------

    def azioni(self, utente: Utente, regole: RegoleOrdine = REGOLE_PREDEFINITE) -> list[Azione]:
        """What ``utente`` may do with the case now (:func:`istanze.domain.azioni.consentite`)."""
        return consentite(
            utente,
            ordine=self.ordine,
            titolare=self.avvocato.username,
            stato=self.stato,
            completa=not self.verifica_campi() and not self.mancanti(regole),
        )

    # --- internals ------------------------------------------------------------------------------

    def _passa_a(self, nuovo: Stato, ora: datetime, descrizione: str, chi: Utente | None) -> None:
        verifica_transizione(self.stato, nuovo)
        self.stato = nuovo
        self.aggiornata_il = ora
        self._annota(ora, descrizione, chi)
