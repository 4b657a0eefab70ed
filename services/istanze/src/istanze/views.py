"""Between the contracts and the domain of `istanze`: request payloads to domain values, the
Ordine's settings to the domain's rules, and the aggregate to the views the gateway shows.

Field-for-field copies are left to :mod:`parcelle_kit.store.codec` and pydantic: the domain's
dataclasses and the contracts' models name their fields alike, so a value goes through the
JSON both understand, and each side checks it its own way (closed values, amounts, times).
"""

from dataclasses import fields
from typing import Any, Literal

from istanze.domain.contenuto import ContenutoIstanza, NonLetto
from istanze.domain.deposito import Firma
from istanze.domain.errori import FirmaNonValidaError, NonTrovataError
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Avvocato, Utente
from istanze.domain.regole import RegoleOrdine
from istanze.domain.requisiti import ETICHETTE
from istanze.ports import FiltroElenco, RigaElenco
from parcelle_compensi import parametri_della_pratica
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_contracts.firma import EsitoVerifica
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.vocabolario import FASI_FISSE
from parcelle_kit.store.codec import decode, encode

Quale = Literal["documento", "ricevuta", "firmato", "allegato"]

# --- contracts -> domain ------------------------------------------------------------------------


def contenuto(messaggio: contratti.ContenutoIstanza) -> ContenutoIstanza:
    """The domain content of a message's ``ContenutoIstanza``."""
    # An item's id is the view's (given from its place among the items), never the draft's.
    dati = messaggio.model_dump(mode="json", exclude={"voci": {"__all__": {"id"}}})
    return decode(ContenutoIstanza, dati, "contenuto")


def non_letti(campi: list[contratti.CampoNonLetto]) -> tuple[NonLetto, ...]:
    """The fields a form could not read, as the domain keeps them (in the order given)."""
    return tuple(NonLetto(percorso=c.campo, valore=c.valore, errore=c.errore) for c in campi)


def avvocato(attore: Attore) -> Avvocato:
    """The applicant as their account describes them (the gateway's authenticated user)."""
    return decode(Avvocato, _campi(attore, Avvocato), "avvocato")


def utente(attore: Attore) -> Utente:
    """The user an operation runs for: the facts the aggregate authorises by, and through
    what they act (recorded in the timeline)."""
    return decode(Utente, _campi(attore, Utente), "attore")


def regole(impostazioni: ImpostazioniOrdine) -> RegoleOrdine:
    """The domain's rules for applications from the Ordine's settings."""
    dati = impostazioni.istanze.model_dump(mode="json")
    dati["pagamento_prima_del_rilascio"] = impostazioni.pagamento.prima_del_rilascio
    return decode(RegoleOrdine, dati, "regole")


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


def vista(istanza: Istanza, regole: RegoleOrdine, chi: Utente) -> contratti.Istanza:
    """The case as ``chi`` (its owner, or the Ordine's staff) sees it under the Ordine's
    ``regole``, with what ``chi`` may do now."""
    totali = istanza.totali()
    deposito = istanza.deposito
    ricevuta = deposito.ricevuta if deposito is not None else None
    return contratti.Istanza.model_validate(
        {
            "id": istanza.id,
            "codice": istanza.codice,
            "ordine": istanza.ordine,
            "stato": istanza.stato,
            "avvocato": {
                **encode(istanza.avvocato),
                "ruolo": "avvocato",
                "ordine": istanza.ordine,
            },
            "contenuto": _con_ids(encode(istanza.contenuto)),
            "totali": encode(totali),
            "errori": [
                {"campo": campo, "messaggio": messaggio}
                for campo, messaggio in istanza.verifica_campi().items()
            ],
            "requisiti": list(regole.requisiti),
            "non_letti": [
                {"campo": n.percorso, "valore": n.valore, "errore": n.errore}
                for n in istanza.non_letti
            ],
            "mancanti": [
                {"requisito": requisito, "etichetta": ETICHETTE[requisito]}
                for requisito in istanza.requisiti_mancanti(regole)
            ],
            "allegati": [_senza(encode(a), "blob_key") for a in istanza.allegati],
            "documento_pronto": istanza.documento_pronto,
            "documento_sha256": istanza.documento.sha256 if istanza.documento else None,
            "ricevuta_sha256": ricevuta.sha256 if ricevuta is not None else None,
            "protocollo": istanza.protocollo,
            "depositata_il": encode(deposito.depositata_il) if deposito else None,
            "creata_il": encode(istanza.creata_il),
            "aggiornata_il": encode(istanza.aggiornata_il),
            "firma_richiesta": regole.firma_digitale_obbligatoria,
            "firma": _firma(istanza),
            "cronologia": encode(istanza.cronologia),
            "parametri": _parametri(istanza),
            "azioni": istanza.azioni(chi, regole),
            "integrazione": encode(istanza.integrazione),
            "provvedimento": istanza.provvedimento_sha256 is not None,
            "diritti": encode(istanza.diritti),
            "seguito": _seguito(istanza, regole),
        }
    )


def _seguito(istanza: Istanza, regole: RegoleOrdine) -> dict[str, Any] | None:
    """Payment, release and deliveries, once the signed decision exists."""
    if istanza.provvedimento_sha256 is None:
        return None
    return {
        "rilasciato": istanza.rilasciato(regole),
        "pagamento_richiesto": regole.pagamento_prima_del_rilascio and bool(istanza.diritti),
        "avviso_pagopa": istanza.avviso_pagopa.codice_avviso if istanza.avviso_pagopa else None,
        "pagamento": encode(istanza.pagamento),
        "consegne": encode(istanza.consegne),
        "opposizione_entro": encode(istanza.opposizione_entro()),
    }


def _con_ids(contenuto: dict[str, Any]) -> dict[str, Any]:
    """The content with each requested item's stable id (a decision names items by it)."""
    voci = contenuto.get("voci")
    if not voci:
        return contenuto
    ids = contratti.ids_voci([voce["fase"] for voce in voci])
    return {**contenuto, "voci": [{**voce, "id": i} for voce, i in zip(voci, ids, strict=True)]}


def sintesi(riga: RigaElenco) -> contratti.IstanzaSintesi:
    """A line of the lawyer's list."""
    return contratti.IstanzaSintesi.model_validate(riga, from_attributes=True)


def _parametri(istanza: Istanza) -> dict[str, Any]:
    """The DM 147/2022 range of each fixed phase, for the matter as the draft states it."""
    dati = istanza.contenuto.pratica
    if dati is None:
        return {}
    intervalli = {
        fase: parametri_della_pratica(
            dati.procedimento, dati.valore, dati.valore_indeterminabile, fase
        )
        for fase in FASI_FISSE
    }
    return {fase: encode(p) for fase, p in intervalli.items() if p is not None}


def filtro_elenco(msg: contratti.ElencoIstanze) -> FiltroElenco:
    """What the lawyer searches: a code when the text has a digit or a dash (codes are
    written in upper case), else the start of the client's name (any case)."""
    cerca = (msg.cerca or "").strip()
    codice = cerca if any(c.isdigit() or c == "-" for c in cerca) else None
    return FiltroElenco(
        stato=msg.stato,
        codice=codice.upper().replace(" ", "") if codice else None,
        cliente=cerca.casefold() if cerca and codice is None else None,
        inviata_al_cliente=msg.inviata_al_cliente,
    )


def file_di(istanza: Istanza, area: str, quale: Quale, allegato_id: str | None = None) -> FileRef:
    """Where a download of the application PDF, the receipt, the signed file or an attachment
    of ``istanza`` points: the claim check the gateway serves it from."""
    codice = istanza.codice

    def ref(key: str, sha256: str, size: int, nome: str, tipo: str = "application/pdf") -> FileRef:
        blob = BlobRef(area=area, key=key, sha256=sha256, size=size)
        return FileRef(blob=blob, nome_file=nome, content_type=tipo)

    if quale == "documento" and istanza.documento is not None:
        d = istanza.documento
        return ref(d.blob_key, d.sha256, d.dimensione, f"istanza-{codice}.pdf")
    if quale == "ricevuta" and istanza.deposito and istanza.deposito.ricevuta:
        r = istanza.deposito.ricevuta
        return ref(r.blob_key, r.sha256, r.dimensione, f"ricevuta-{codice}.pdf")
    if quale == "firmato" and istanza.firmato is not None:
        f = istanza.firmato
        pades = f.firma.tipo == "pades"
        nome = f"istanza-{codice}-firmata.{'pdf' if pades else 'pdf.p7m'}"
        tipo = "application/pdf" if pades else "application/pkcs7-mime"
        return ref(f.blob_key, f.sha256, f.dimensione, nome, tipo)
    if quale == "allegato" and allegato_id is not None:
        a = istanza.allegato(allegato_id)
        return ref(a.blob_key, a.sha256, a.dimensione, a.nome_file, a.content_type)
    raise NonTrovataError("Documento non disponibile")


def _firma(istanza: Istanza) -> dict[str, Any] | None:
    firma = istanza.firma
    if firma is None:
        return None
    # A hand signature has no signed file; a digital one is the file proposed/deposited.
    firmato = istanza.firmato if firma.tipo != "autografa" else None
    return {
        **_senza(encode(firma), "documento_sha256"),
        "sha256": firmato.sha256 if firmato is not None else None,
    }


def _campi(modello: Attore, tipo: type[Any]) -> dict[str, Any]:
    """The fields of ``modello`` the dataclass ``tipo`` has, as JSON."""
    return modello.model_dump(mode="json", include={f.name for f in fields(tipo)})


def _senza(documento: dict[str, Any], chiave: str) -> dict[str, Any]:
    return {k: v for k, v in documento.items() if k != chiave}
