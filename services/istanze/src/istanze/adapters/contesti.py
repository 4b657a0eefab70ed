"""The template contexts of the documents of `istanze`: the application PDF (istanza) and the
deposit receipt (ricevuta).

The functions here turn the contracts' ``Istanza`` view, plus the facts the view does not carry
(the Ordine's display name, when the document is generated, the signed file deposited), into
plain template contexts: dicts of strings, dates and ``Decimal`` amounts, with every value
already turned into the words of :mod:`parcelle_contracts.vocabolario`. They do no I/O, so
they are tested without a renderer; :mod:`istanze.adapters.documenti` renders them.

The 2D code is a QR code built here with segno and written as inline SVG: the renderer's
fetcher loads only packaged files (no ``data:`` URL), and a single ``<path>`` lays out and
paints far faster than one ``<rect>`` per module (see bench/istanza_pdf.py).
"""

import io
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

import segno
from markupsafe import Markup

from parcelle_contracts.common import FileRef
from parcelle_contracts.istanze import (
    Allegato,
    Cliente,
    DatiPratica,
    Firma,
    Indirizzo,
    Istanza,
)
from parcelle_contracts.vocabolario import (
    CATEGORIE_ALLEGATO,
    DATI_ISTANZA,
    FASI,
    NON_INDICATO,
    PROCEDIMENTI,
    TIPI_CLIENTE,
    TIPI_FIRMA,
)
from parcelle_kit.pdf.filters import data

QR_BORDO: Final = 4
"""Quiet zone in modules: ISO/IEC 18004 asks for 4 around a QR code."""


def qr_svg(codice: str) -> Markup:
    """The QR code of ``codice`` as inline SVG markup, carrying exactly that string.

    Error correction is at least M (segno raises it when that does not enlarge the symbol);
    the 4-module quiet zone is painted white, so the code stays readable on a tinted box.
    The size on paper is the stylesheet's business: the SVG scales to its box.
    """
    qr = segno.make_qr(codice, error="m", boost_error=True)
    buffer = io.BytesIO()
    # segno draws each row's runs of dark modules as 1-unit-wide strokes of one <path>:
    # about 2 path commands a run, the cheapest SVG WeasyPrint can parse and paint (a
    # <rect> per module costs ~10x, a filled outline per run ~2x; bench/istanza_pdf.py).
    qr.save(
        buffer,
        kind="svg",
        border=QR_BORDO,
        light="#fff",
        xmldecl=False,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
        nl=False,
    )
    # segno writes only its own markup: nothing of ``codice`` appears in the SVG as text.
    return Markup(buffer.getvalue().decode("ascii"))


def contesto_istanza(
    istanza: Istanza,
    *,
    ordine_nome: str,
    generata_il: datetime,
    luogo: str | None = None,
    firma_autografa: bool | None = None,
) -> dict[str, Any]:
    """The context of ``istanza.html``.

    ``luogo`` is the place written next to the date (default: the Ordine's city, taken from
    its name); ``firma_autografa`` chooses a hand-signature line instead of "Firmato
    digitalmente" (default: hand signature only where the Ordine does not require a
    digital one).
    """
    _richiede_ora_con_fuso(generata_il, "generata_il")
    contenuto = istanza.contenuto
    voci = [
        {
            "fase": FASI[voce.fase],
            "descrizione": voce.descrizione or "",
            "importo": voce.importo,
            "motivazione": voce.motivazione or "",
        }
        for voce in contenuto.voci or []
    ]
    totali = istanza.totali
    pratica = contenuto.pratica or DatiPratica()
    return {
        **_comune(istanza, ordine_nome),
        "generata_il": generata_il,
        "luogo": luogo if luogo is not None else _citta(ordine_nome),
        "cliente": _cliente(contenuto.cliente or Cliente()),
        "pratica": _pratica(pratica),
        "etichette": DATI_ISTANZA,
        "voci": voci,
        "motivazioni": [voce for voce in voci if voce["motivazione"]],
        "note": contenuto.note or "",
        "totali": None
        if totali is None
        else {
            **totali.model_dump(),
            "spese_generali_percentuale": _percentuale(contenuto.spese_generali_percentuale),
        },
        "allegati": [_allegato(allegato) for allegato in istanza.allegati],
        "mandato_concluso": pratica.mandato_concluso is True,
        "equo_compenso": pratica.equo_compenso_art7 is True,
        "firma_autografa": (
            not istanza.firma_richiesta if firma_autografa is None else firma_autografa
        ),
    }


def contesto_ricevuta(
    istanza: Istanza,
    *,
    ordine_nome: str,
    depositata_il: datetime,
    generata_il: datetime,
    documento_sha256: str | None = None,
    firma: Firma | None = None,
    file_firmato: FileRef | None = None,
) -> dict[str, Any]:
    """The context of ``ricevuta.html``.

    ``documento_sha256`` (the application PDF) and ``firma`` default to what the view holds;
    a digitally signed deposit needs ``file_firmato``, a hand-signed one must not have it.
    """
    _richiede_ora_con_fuso(depositata_il, "depositata_il")
    _richiede_ora_con_fuso(generata_il, "generata_il")
    documento_sha256 = documento_sha256 or istanza.documento_sha256
    firma = firma or istanza.firma
    if documento_sha256 is None or firma is None:
        raise ValueError("a receipt needs the application PDF's SHA-256 and the signature")
    autografa = firma.tipo == "autografa"
    if autografa != (file_firmato is None):
        raise ValueError(
            "a digitally signed deposit needs its signed file; a hand-signed one has none"
        )
    documenti = [{"descrizione": "Istanza (PDF generato)", "nome": "", "sha256": documento_sha256}]
    if file_firmato is not None:
        documenti.append(
            _documento(
                "Istanza firmata digitalmente",
                file_firmato.nome_file,
                file_firmato.blob.size,
                file_firmato.blob.sha256,
            )
        )
    documenti += [
        _documento(
            CATEGORIE_ALLEGATO[allegato.categoria],
            allegato.nome_file,
            allegato.dimensione,
            allegato.sha256,
        )
        for allegato in istanza.allegati
    ]
    return {
        **_comune(istanza, ordine_nome),
        "depositata_il": depositata_il,
        "generata_il": generata_il,
        "cliente": _nominativo(istanza.contenuto.cliente or Cliente()),
        "firma": {
            "autografa": autografa,
            "tipo": TIPI_FIRMA[firma.tipo],
            "firmatario": firma.firmatario or NON_INDICATO,
            "codice_fiscale": firma.codice_fiscale or "",
            "emittente": firma.emittente or NON_INDICATO,
            "firmato_il": firma.firmato_il,
        },
        "documenti": documenti,
    }


def _comune(istanza: Istanza, ordine_nome: str) -> dict[str, Any]:
    """What both documents print: the Ordine, the code and its QR, the applicant."""
    avvocato = istanza.avvocato
    return {
        "ordine": {"nome": ordine_nome, "destinatario": _destinatario(ordine_nome)},
        "codice": istanza.codice,
        "qr": qr_svg(istanza.codice),
        "avvocato": {
            "nominativo": f"{avvocato.nome} {avvocato.cognome}".strip() or avvocato.username,
            "codice_fiscale": avvocato.codice_fiscale or NON_INDICATO,
            "pec": avvocato.pec or NON_INDICATO,
        },
    }


def _cliente(cliente: Cliente) -> dict[str, Any]:
    return {
        "tipo": TIPI_CLIENTE[cliente.tipo] if cliente.tipo else "Cliente",
        "persona_giuridica": cliente.tipo == "persona_giuridica",
        "nominativo": _nominativo(cliente),
        "codice_fiscale": cliente.codice_fiscale or NON_INDICATO,
        "partita_iva": cliente.partita_iva or NON_INDICATO,
        "indirizzo": _indirizzo(cliente.indirizzo),
        "pec": cliente.pec or NON_INDICATO,
        "email": cliente.email or "",
    }


def _nominativo(cliente: Cliente) -> str:
    if cliente.tipo == "persona_giuridica":
        return cliente.denominazione or NON_INDICATO
    nome = f"{cliente.nome or ''} {cliente.cognome or ''}".strip()
    return nome or cliente.denominazione or NON_INDICATO


def _indirizzo(indirizzo: Indirizzo | None) -> str:
    """``Via Roma 1, 00184 Roma (RM)``, the way an Italian envelope reads."""
    if indirizzo is None:
        return NON_INDICATO
    localita = " ".join(parte for parte in (indirizzo.cap, indirizzo.comune) if parte)
    if indirizzo.provincia:
        localita = f"{localita} ({indirizzo.provincia.upper()})".strip()
    parti = [parte for parte in (indirizzo.via, localita) if parte]
    if indirizzo.nazione != "IT":
        parti.append(indirizzo.nazione)
    return ", ".join(parti) or NON_INDICATO


def _pratica(pratica: DatiPratica) -> dict[str, Any]:
    if pratica.valore_indeterminabile:
        valore: Decimal | str = "indeterminabile"
    else:
        valore = pratica.valore if pratica.valore is not None else NON_INDICATO
    return {
        "autorita": pratica.autorita or NON_INDICATO,
        "procedimento": PROCEDIMENTI[pratica.procedimento]
        if pratica.procedimento
        else NON_INDICATO,
        "numero_rg": pratica.numero_rg or NON_INDICATO,
        # A string or an amount: the template applies the euro filter only to an amount.
        "valore": valore,
        "numero_parti": str(pratica.numero_parti) if pratica.numero_parti else NON_INDICATO,
        "periodo": _periodo(pratica),
        "mandato_concluso": _si_no(pratica.mandato_concluso),
        "difesa_ufficio": _si_no(pratica.difesa_ufficio),
        "equo_compenso_art7": _si_no(pratica.equo_compenso_art7),
        "insinuazione_passivo": pratica.insinuazione_passivo,
    }


def _periodo(pratica: DatiPratica) -> str:
    """``dal 01/03/2024 al 15/10/2025``, or what part of it is known."""
    parti = []
    if pratica.periodo_dal is not None:
        parti.append(f"dal {data(pratica.periodo_dal)}")
    if pratica.periodo_al is not None:
        parti.append(f"al {data(pratica.periodo_al)}")
    return " ".join(parti) or NON_INDICATO


def _allegato(allegato: Allegato) -> dict[str, Any]:
    return {
        "categoria": CATEGORIE_ALLEGATO[allegato.categoria],
        "nome_file": allegato.nome_file,
        "tipo": allegato.tipo,
        "dimensione": _dimensione(allegato.dimensione),
        "sha256": allegato.sha256,
    }


def _documento(descrizione: str, nome_file: str, dimensione: int, sha256: str) -> dict[str, str]:
    return {
        "descrizione": descrizione,
        "nome": f"{nome_file} ({_dimensione(dimensione)})",
        "sha256": sha256,
    }


def _si_no(valore: bool | None) -> str:
    return NON_INDICATO if valore is None else ("Sì" if valore else "No")


def _percentuale(valore: Decimal) -> str:
    """``15%``, ``12,5%``: no trailing zeros, comma for decimals."""
    testo = f"{valore.normalize():f}".replace(".", ",")
    return f"{testo}%"


def _dimensione(byte: int) -> str:
    """``842 byte``, ``245,3 KB``, ``1,2 MB`` (binary multiples, as file managers show)."""
    if byte < 1024:
        return f"{byte} byte"
    if byte < 1024**2:
        return f"{byte / 1024:.1f} KB".replace(".", ",")
    return f"{byte / 1024**2:.1f} MB".replace(".", ",")


def _destinatario(ordine_nome: str) -> str:
    """``Al Consiglio dell'Ordine degli Avvocati di Roma`` from the Ordine's display name."""
    if ordine_nome.startswith("Ordine "):
        return f"Al Consiglio dell'{ordine_nome}"
    return f"Al Consiglio: {ordine_nome}"


def _citta(ordine_nome: str) -> str:
    """The city in ``Ordine degli Avvocati di <città>`` ("" when the name is not so made)."""
    _, trovato, citta = ordine_nome.partition(" Avvocati di ")
    return citta.strip() if trovato else ""


def _richiede_ora_con_fuso(valore: datetime, nome: str) -> None:
    # The filters would refuse a naive time only inside the worker, with a less clear message.
    if valore.tzinfo is None or valore.utcoffset() is None:
        raise ValueError(f"{nome} must carry a timezone, got {valore.isoformat()}")
