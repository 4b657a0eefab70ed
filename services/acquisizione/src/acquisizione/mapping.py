"""Between the outside and the domain of `acquisizione`: contract messages to domain values,
and the aggregate to the views the gateway shows. The stored documents are written and read by
:mod:`parcelle_kit.store.codec` (see :mod:`acquisizione.adapters.registro`).
"""

from datetime import date

from acquisizione.domain import termini
from acquisizione.domain.comunicazioni import Documento, Recapito
from acquisizione.domain.persone import Richiedente, Utente
from acquisizione.domain.pratica import Assegnazione, Pratica
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts import istanze
from parcelle_contracts.common import Attore, BlobRef, FileRef

# --- contracts -> domain ------------------------------------------------------------------------


def utente_da_attore(attore: Attore) -> Utente:
    return Utente(
        username=attore.username,
        ruolo=attore.ruolo,
        ordine=attore.ordine,
        nome=attore.nome,
        cognome=attore.cognome,
    )


def richiedente_da_attore(attore: Attore) -> Richiedente:
    return Richiedente(
        username=attore.username,
        nome=attore.nome,
        cognome=attore.cognome,
        codice_fiscale=attore.codice_fiscale,
        pec=attore.pec,
        email=attore.email,
    )


def nominativo(cliente: istanze.Cliente) -> str:
    """The client as a letter names them: the company name, or given and family name."""
    if cliente.tipo == "persona_giuridica" and cliente.denominazione:
        return cliente.denominazione
    nome = f"{cliente.nome or ''} {cliente.cognome or ''}".strip()
    return nome or cliente.denominazione or "Cliente"


def righe_indirizzo(indirizzo: istanze.Indirizzo | None) -> tuple[str, ...]:
    """``("Via Roma 1", "00184 Roma (RM)")``: the lines of an Italian envelope."""
    if indirizzo is None or not (indirizzo.via or indirizzo.comune):
        return ()
    localita = " ".join(parte for parte in (indirizzo.cap, indirizzo.comune) if parte)
    if indirizzo.provincia:
        localita = f"{localita} ({indirizzo.provincia.upper()})".strip()
    righe = [parte for parte in (indirizzo.via, localita) if parte]
    if indirizzo.nazione != "IT":
        righe.append(indirizzo.nazione)
    return tuple(righe)


def recapiti(istanza: istanze.Istanza) -> tuple[Recapito | None, Recapito]:
    """Where the client (if the application names one) and the lawyer can be reached."""
    cliente = istanza.contenuto.cliente
    avvocato = istanza.avvocato
    nome_avvocato = richiedente_da_attore(avvocato).nome_completo()
    return (
        None
        if cliente is None
        else Recapito(
            nome=nominativo(cliente),
            pec=cliente.pec,
            email=cliente.email,
            indirizzo=righe_indirizzo(cliente.indirizzo),
        ),
        Recapito(nome=nome_avvocato, pec=avvocato.pec, email=avvocato.email),
    )


# --- domain -> contracts ------------------------------------------------------------------------


def file_ref(documento: Documento, area: str) -> FileRef:
    """A document of the service's blob ``area`` as a claim check the gateway serves."""
    blob = BlobRef(
        area=area, key=documento.blob_key, sha256=documento.sha256, size=documento.dimensione
    )
    return FileRef(blob=blob, nome_file=documento.nome_file, content_type="application/pdf")


def _assegnazione(assegnazione: Assegnazione) -> contratti.Assegnazione:
    return contratti.Assegnazione(
        relatore=assegnazione.relatore,
        nome=assegnazione.nome,
        assegnata_il=assegnazione.assegnata_il,
        da=assegnazione.da,
        motivo=assegnazione.motivo,
    )


def vista(
    pratica: Pratica, *, area: str, oggi: date, gia_acquisita: bool = False
) -> contratti.Pratica:
    """The case as the secretariat (or its relatore) sees it on ``oggi``."""
    registrazione = pratica.registrazione
    fine = pratica.scadenza(oggi)
    relatore = pratica.relatore
    return contratti.Pratica(
        istanza_id=pratica.istanza_id,
        codice=pratica.codice,
        ordine=pratica.ordine,
        stato=pratica.stato,
        avvocato=pratica.avvocato.nome_completo(),
        cliente=pratica.cliente,
        importo_richiesto=pratica.importo_richiesto,
        firma=pratica.firma,
        depositata_il=pratica.depositata_il,
        protocollo=registrazione.protocollo if registrazione else None,
        acquisita_il=registrazione.acquisita_il if registrazione else None,
        originale_ricevuto=registrazione.originale_ricevuto if registrazione else False,
        bollo_ricevuto=registrazione.bollo_ricevuto if registrazione else False,
        relatore=_assegnazione(relatore) if relatore else None,
        assegnazioni=[_assegnazione(a) for a in pratica.assegnazioni],
        scadenza=termini.fine_del_giorno(fine) if fine else None,
        giorni_osservazioni=registrazione.giorni_osservazioni if registrazione else None,
        comunicazioni=[
            contratti.Comunicazione(
                id=c.id,
                tipo=c.tipo,
                destinatario=c.destinatario,
                canale=c.canale,
                stato=c.stato,
                documento=file_ref(c.documento, area),
                aggiornata_il=c.aggiornata_il,
            )
            for c in pratica.comunicazioni
        ],
        osservazioni=[file_ref(o.documento, area) for o in pratica.osservazioni],
        cronologia=[
            contratti.Passo(quando=p.quando, descrizione=p.descrizione, chi=p.chi, dove=p.dove)
            for p in pratica.cronologia
        ],
        gia_acquisita=gia_acquisita,
    )


def in_attesa(pratica: Pratica) -> contratti.PraticaInAttesa:
    """The case as a line of the pending list."""
    return contratti.PraticaInAttesa(
        istanza_id=pratica.istanza_id,
        codice=pratica.codice,
        avvocato=pratica.avvocato.nome_completo(),
        cliente=pratica.cliente,
        importo_richiesto=pratica.importo_richiesto,
        firma=pratica.firma,
        depositata_il=pratica.depositata_il,
    )
