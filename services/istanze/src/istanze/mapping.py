"""Between the outside and the domain of `istanze`: contract messages to domain values, the
aggregate to the views the gateway shows, and the aggregate to and from the JSON-compatible
document the store keeps.

The stored document (``in_dizionario``) is the aggregate as :mod:`parcelle_kit.store.codec`
writes it, plus ``_id`` (the store's key) and ``schema`` (this layout's version). Reading it
back (``da_dizionario``) checks every type and every closed value (states, phases,
categories), refuses unknown fields and ignores the keys that start with ``_`` (owned by the
store and the repository: ``_id``, ``_v``, an outbox).
"""

from collections.abc import Mapping
from typing import Any, Final

from istanze.domain.contenuto import Cliente, ContenutoIstanza, DatiPratica, Indirizzo, Voce
from istanze.domain.deposito import Firma
from istanze.domain.errori import FirmaNonValidaError
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Avvocato, Utente
from istanze.domain.regole import RegoleOrdine
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import Attore
from parcelle_contracts.firma import EsitoVerifica
from parcelle_kit.store.codec import decode, encode

SCHEMA: Final = 1
"""Version of the stored document's layout; bump it (and migrate) when a field changes
meaning."""


# --- contracts -> domain ------------------------------------------------------------------------


def contenuto_dal_messaggio(messaggio: contratti.ContenutoIstanza) -> ContenutoIstanza:
    """The domain content of a message's ``ContenutoIstanza``."""
    cliente = messaggio.cliente
    pratica = messaggio.pratica
    return ContenutoIstanza(
        cliente=None
        if cliente is None
        else Cliente(
            tipo=cliente.tipo,
            nome=cliente.nome,
            cognome=cliente.cognome,
            denominazione=cliente.denominazione,
            codice_fiscale=cliente.codice_fiscale,
            partita_iva=cliente.partita_iva,
            indirizzo=None
            if cliente.indirizzo is None
            else Indirizzo(
                via=cliente.indirizzo.via,
                cap=cliente.indirizzo.cap,
                comune=cliente.indirizzo.comune,
                provincia=cliente.indirizzo.provincia,
                nazione=cliente.indirizzo.nazione,
            ),
            pec=cliente.pec,
            email=cliente.email,
        ),
        pratica=None
        if pratica is None
        else DatiPratica(
            autorita=pratica.autorita,
            procedimento=pratica.procedimento,
            numero_rg=pratica.numero_rg,
            valore=pratica.valore,
            valore_indeterminabile=pratica.valore_indeterminabile,
            numero_parti=pratica.numero_parti,
            periodo_dal=pratica.periodo_dal,
            periodo_al=pratica.periodo_al,
            mandato_concluso=pratica.mandato_concluso,
            difesa_ufficio=pratica.difesa_ufficio,
            equo_compenso_art7=pratica.equo_compenso_art7,
            insinuazione_passivo=pratica.insinuazione_passivo,
        ),
        voci=None
        if messaggio.voci is None
        else tuple(
            Voce(
                fase=voce.fase,
                importo=voce.importo,
                descrizione=voce.descrizione,
                motivazione=voce.motivazione,
            )
            for voce in messaggio.voci
        ),
        spese=messaggio.spese,
        spese_generali_percentuale=messaggio.spese_generali_percentuale,
        note=messaggio.note,
    )


def avvocato_da_attore(attore: Attore) -> Avvocato:
    """The applicant as their account describes them (the gateway's authenticated user)."""
    return Avvocato(
        username=attore.username,
        nome=attore.nome,
        cognome=attore.cognome,
        codice_fiscale=attore.codice_fiscale,
        pec=attore.pec,
        email=attore.email,
    )


def utente_da_attore(attore: Attore) -> Utente:
    """The user an operation runs for, with the facts the aggregate authorises by."""
    return Utente(
        username=attore.username,
        ruolo=attore.ruolo,
        ordine=attore.ordine,
        nome=attore.nome,
        cognome=attore.cognome,
    )


def firma_da_verifica(esito: EsitoVerifica, documento_sha256: str) -> Firma:
    """The signature the ``firma`` service found over the document ``documento_sha256``, or
    :class:`FirmaNonValidaError` with its Italian reasons when it found none valid."""
    if not esito.valida or esito.tipo is None:
        motivi = "; ".join(problema.messaggio for problema in esito.problemi)
        raise FirmaNonValidaError(motivi or "La firma del documento non è valida")
    return Firma(
        tipo=esito.tipo,
        firmatario=esito.firmatario,
        codice_fiscale=esito.codice_fiscale,
        emittente=esito.emittente,
        firmato_il=esito.firmato_il,
        documento_sha256=documento_sha256,
    )


# --- domain -> contracts ------------------------------------------------------------------------


def contenuto_nel_messaggio(contenuto: ContenutoIstanza) -> contratti.ContenutoIstanza:
    """The domain content as the contracts carry it."""
    cliente = contenuto.cliente
    pratica = contenuto.pratica
    return contratti.ContenutoIstanza(
        cliente=None
        if cliente is None
        else contratti.Cliente(
            tipo=cliente.tipo,
            nome=cliente.nome,
            cognome=cliente.cognome,
            denominazione=cliente.denominazione,
            codice_fiscale=cliente.codice_fiscale,
            partita_iva=cliente.partita_iva,
            indirizzo=None
            if cliente.indirizzo is None
            else contratti.Indirizzo(
                via=cliente.indirizzo.via,
                cap=cliente.indirizzo.cap,
                comune=cliente.indirizzo.comune,
                provincia=cliente.indirizzo.provincia,
                nazione=cliente.indirizzo.nazione,
            ),
            pec=cliente.pec,
            email=cliente.email,
        ),
        pratica=None
        if pratica is None
        else contratti.DatiPratica(
            autorita=pratica.autorita,
            procedimento=pratica.procedimento,
            numero_rg=pratica.numero_rg,
            valore=pratica.valore,
            valore_indeterminabile=pratica.valore_indeterminabile,
            numero_parti=pratica.numero_parti,
            periodo_dal=pratica.periodo_dal,
            periodo_al=pratica.periodo_al,
            mandato_concluso=pratica.mandato_concluso,
            difesa_ufficio=pratica.difesa_ufficio,
            equo_compenso_art7=pratica.equo_compenso_art7,
            insinuazione_passivo=pratica.insinuazione_passivo,
        ),
        voci=None
        if contenuto.voci is None
        else [
            contratti.Voce(
                fase=voce.fase,
                importo=voce.importo,
                descrizione=voce.descrizione,
                motivazione=voce.motivazione,
            )
            for voce in contenuto.voci
        ],
        spese=contenuto.spese,
        spese_generali_percentuale=contenuto.spese_generali_percentuale,
        note=contenuto.note,
    )


def attore_avvocato(istanza: Istanza) -> Attore:
    """The case's lawyer as the contracts name users."""
    avvocato = istanza.avvocato
    return Attore(
        username=avvocato.username,
        ruolo="avvocato",
        ordine=istanza.ordine,
        nome=avvocato.nome,
        cognome=avvocato.cognome,
        codice_fiscale=avvocato.codice_fiscale,
        pec=avvocato.pec,
        email=avvocato.email,
    )


def vista(istanza: Istanza, regole: RegoleOrdine) -> contratti.Istanza:
    """The case as its owner (or the Ordine's staff) sees it, under the Ordine's ``regole``."""
    totali = istanza.totali()
    firma = istanza.firma
    deposito = istanza.deposito
    return contratti.Istanza(
        id=istanza.id,
        codice=istanza.codice,
        ordine=istanza.ordine,
        stato=istanza.stato,
        avvocato=attore_avvocato(istanza),
        contenuto=contenuto_nel_messaggio(istanza.contenuto),
        totali=None
        if totali is None
        else contratti.Totali(
            compenso=totali.compenso,
            spese_generali=totali.spese_generali,
            cpa=totali.cpa,
            iva=totali.iva,
            spese=totali.spese,
            totale=totali.totale,
        ),
        mancanti=istanza.mancanti(regole),
        allegati=[
            contratti.Allegato(
                id=allegato.id,
                categoria=allegato.categoria,
                nome_file=allegato.nome_file,
                content_type=allegato.content_type,
                tipo=allegato.tipo,
                dimensione=allegato.dimensione,
                sha256=allegato.sha256,
                caricato_il=allegato.caricato_il,
            )
            for allegato in istanza.allegati
        ],
        documento_pronto=istanza.documento_pronto,
        documento_sha256=istanza.documento.sha256 if istanza.documento is not None else None,
        ricevuta_sha256=deposito.ricevuta.sha256
        if deposito is not None and deposito.ricevuta is not None
        else None,
        protocollo=istanza.protocollo,
        depositata_il=deposito.depositata_il if deposito is not None else None,
        creata_il=istanza.creata_il,
        aggiornata_il=istanza.aggiornata_il,
        firma_richiesta=regole.firma_digitale_obbligatoria,
        firma=None
        if firma is None
        else contratti.Firma(
            tipo=firma.tipo,
            firmatario=firma.firmatario,
            codice_fiscale=firma.codice_fiscale,
            emittente=firma.emittente,
            firmato_il=firma.firmato_il,
            # A hand signature has no signed file; a digital one is the file proposed/deposited.
            sha256=istanza.firmato.sha256
            if istanza.firmato is not None and firma.tipo != "autografa"
            else None,
        ),
        cronologia=[
            contratti.Evento(
                quando=evento.quando,
                stato=evento.stato,
                descrizione=evento.descrizione,
                chi=evento.chi,
            )
            for evento in istanza.cronologia
        ],
    )


def sintesi(istanza: Istanza) -> contratti.IstanzaSintesi:
    """The case as a line of the lawyer's list."""
    return contratti.IstanzaSintesi(
        id=istanza.id,
        codice=istanza.codice,
        protocollo=istanza.protocollo,
        cliente=istanza.nome_cliente(),
        importo_richiesto=istanza.importo_richiesto(),
        stato=istanza.stato,
        aggiornata_il=istanza.aggiornata_il,
    )


# --- the stored document ------------------------------------------------------------------------


def in_dizionario(istanza: Istanza) -> dict[str, Any]:
    """The aggregate as a JSON-compatible document for the store (see the module's docstring)."""
    documento = encode(istanza)
    assert isinstance(documento, dict)  # a dataclass always encodes to a dict
    return {"_id": istanza.id, "schema": SCHEMA, **documento}


def da_dizionario(documento: Mapping[str, Any]) -> Istanza:
    """The aggregate of a stored document; ``ValueError`` if it is not one this code wrote."""
    if documento.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema of a stored istanza: {documento.get('schema')!r}")
    campi = {k: v for k, v in documento.items() if not k.startswith("_") and k != "schema"}
    return decode(Istanza, campi, "istanza")
