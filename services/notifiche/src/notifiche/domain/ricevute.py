"""PEC receipts as the technical rules write them (DPCM 2 novembre 2005 and its allegato
tecnico, the "regole tecniche" of the Posta Elettronica Certificata).

A provider's receipt is a message signed S/MIME by the provider; the signed body holds a text
for people, ``daticert.xml`` (the certification data) and, in a complete delivery receipt,
``postacert.eml`` (the original message). Only ``daticert.xml`` is authoritative::

    <postacert tipo="avvenuta-consegna" errore="nessuno">
      <intestazione>
        <mittente>..</mittente> <destinatari tipo="certificato">..</destinatari>
        <risposte>..</risposte> <oggetto>..</oggetto>
      </intestazione>
      <dati>
        <gestore-emittente>..</gestore-emittente>
        <data zona="+0100"><giorno>dd/mm/yyyy</giorno><ora>HH:MM:SS</ora></data>
        <identificativo>..</identificativo> <msgid>&lt;original Message-ID&gt;</msgid>
        <ricevuta tipo="completa"/> <consegna>..</consegna> <errore-esteso>..</errore-esteso>
      </dati>
    </postacert>

:func:`leggi_ricevuta` reads the signed content (what the signature covers, once verified) and
:func:`scrivi_daticert` writes the XML (the development simulator issues receipts with it).
Whatever is not a receipt to the sender, or is garbled, is refused with
:class:`RicevutaNonValidaError` and a reason; nothing else escapes.
:class:`RicevutaRegistrata` is a receipt kept as proof, matched to the sent message.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import Message
from typing import Final, get_args
from xml.etree import ElementTree

from notifiche.domain.errori import RicevutaNonValidaError
from parcelle_contracts.vocabolario import TipoRicevutaPec

TIPI: Final[tuple[TipoRicevutaPec, ...]] = get_args(TipoRicevutaPec)
ALTRI_TIPI: Final = ("presa-in-carico", "posta-certificata", "rilevazione-virus")
"""``postacert`` types that are not a receipt to the sender (the provider-to-provider
acknowledgement, the transport envelope of an incoming PEC, a virus notice)."""
ERRORI: Final = ("nessuno", "no-dest", "no-dominio", "virus", "altro")
RICEVUTE: Final = ("completa", "breve", "sintetica")
DESTINATARI: Final = ("certificato", "esterno")
SIMULAZIONE: Final = "SIMULAZIONE"
"""The word that marks the development simulator's provider (``gestore-emittente``)."""
MASSIMO_XML: Final = 64 * 1024
_ZONA = re.compile(r"^[+-]\d{4}$")


@dataclass(frozen=True)
class Destinatario:
    indirizzo: str
    tipo: str
    """``certificato`` (a PEC mailbox) or ``esterno`` (an ordinary one)."""


@dataclass(frozen=True)
class RicevutaPec:
    """What a receipt certifies, as its ``daticert.xml`` says it."""

    tipo: TipoRicevutaPec
    errore: str
    mittente: str
    destinatari: tuple[Destinatario, ...]
    risposte: str
    oggetto: str
    gestore: str
    data: datetime
    """When the provider issued it (aware, in the zone it wrote)."""
    identificativo: str
    msgid: str
    """The Message-ID of the message it is about, ``<...>``."""
    ricevuta: str | None = None
    consegna: str | None = None
    errore_esteso: str | None = None
    con_originale: bool = False
    """The signed content carries ``postacert.eml`` (a complete delivery receipt)."""

    @property
    def simulata(self) -> bool:
        return self.gestore.upper().startswith(SIMULAZIONE)

    @property
    def chiave(self) -> str:
        """One receipt, however often it arrives: the provider's id, its type, its mailbox."""
        return f"{self.identificativo}|{self.tipo}|{self.consegna or ''}"


def normalizza_msgid(valore: str) -> str:
    """A Message-ID as ``<id>``, whether or not it was written with its brackets."""
    nudo = valore.strip().removeprefix("<").removesuffix(">").strip()
    return f"<{nudo}>"


def leggi_ricevuta(contenuto: bytes) -> RicevutaPec:
    """The receipt in ``contenuto`` (the signed MIME entity, or a whole receipt message)."""
    try:
        messaggio = message_from_bytes(contenuto, policy=policy.default)
        parti = list(_parti(messaggio))
    except Exception as errore:  # the email parser is lenient; this is its last resort
        raise RicevutaNonValidaError("il messaggio non si può leggere come MIME") from errore
    daticert = _allegato(parti, "daticert.xml")
    if daticert is None:
        raise RicevutaNonValidaError("manca daticert.xml: non è una ricevuta PEC")
    dati = daticert.get_payload(decode=True)
    if not isinstance(dati, bytes) or not dati:
        raise RicevutaNonValidaError("daticert.xml è vuoto")
    originale = _allegato(parti, "postacert.eml")
    return leggi_daticert(dati, con_originale=originale is not None)


def leggi_daticert(dati: bytes, *, con_originale: bool = False) -> RicevutaPec:
    """The certification data of ``daticert.xml``."""
    if len(dati) > MASSIMO_XML:
        raise RicevutaNonValidaError("daticert.xml è troppo grande")
    if b"<!ENTITY" in dati.upper():
        raise RicevutaNonValidaError("daticert.xml dichiara entità: non è ammesso")
    try:
        radice = ElementTree.fromstring(dati)
    except (ElementTree.ParseError, ValueError) as errore:
        raise RicevutaNonValidaError("daticert.xml non è XML ben formato") from errore
    if radice.tag != "postacert":
        raise RicevutaNonValidaError("daticert.xml non ha l'elemento postacert")
    tipo = radice.get("tipo", "")
    if tipo in ALTRI_TIPI:
        raise RicevutaNonValidaError(f"il messaggio è di tipo {tipo}: non è una ricevuta")
    if tipo not in TIPI:
        raise RicevutaNonValidaError(f"tipo di ricevuta sconosciuto: {tipo[:40]!r}")
    codice_errore = radice.get("errore", "nessuno")
    if codice_errore not in ERRORI:
        raise RicevutaNonValidaError(f"codice di errore sconosciuto: {codice_errore[:40]!r}")
    intestazione = _figlio(radice, "intestazione")
    dati_el = _figlio(radice, "dati")
    ricevuta_el = dati_el.find("ricevuta")
    ricevuta = None if ricevuta_el is None else ricevuta_el.get("tipo")
    if ricevuta is not None and ricevuta not in RICEVUTE:
        raise RicevutaNonValidaError(f"tipo di ricevuta sconosciuto: {ricevuta[:40]!r}")
    return RicevutaPec(
        tipo=next(t for t in TIPI if t == tipo),
        errore=codice_errore,
        mittente=_testo(intestazione, "mittente"),
        destinatari=_destinatari(intestazione),
        risposte=_facoltativo(intestazione, "risposte") or "",
        oggetto=_facoltativo(intestazione, "oggetto") or "",
        gestore=_testo(dati_el, "gestore-emittente"),
        data=_data(_figlio(dati_el, "data")),
        identificativo=_testo(dati_el, "identificativo"),
        msgid=normalizza_msgid(_testo(dati_el, "msgid")),
        ricevuta=ricevuta,
        consegna=_facoltativo(dati_el, "consegna"),
        errore_esteso=_facoltativo(dati_el, "errore-esteso"),
        con_originale=con_originale,
    )


def scrivi_daticert(ricevuta: RicevutaPec) -> bytes:
    """``daticert.xml`` for ``ricevuta``, as a provider writes it."""
    radice = ElementTree.Element("postacert", tipo=ricevuta.tipo, errore=ricevuta.errore)
    intestazione = ElementTree.SubElement(radice, "intestazione")
    ElementTree.SubElement(intestazione, "mittente").text = ricevuta.mittente
    for destinatario in ricevuta.destinatari:
        elemento = ElementTree.SubElement(intestazione, "destinatari", tipo=destinatario.tipo)
        elemento.text = destinatario.indirizzo
    ElementTree.SubElement(intestazione, "risposte").text = ricevuta.risposte
    ElementTree.SubElement(intestazione, "oggetto").text = ricevuta.oggetto
    dati = ElementTree.SubElement(radice, "dati")
    ElementTree.SubElement(dati, "gestore-emittente").text = ricevuta.gestore
    offset = ricevuta.data.utcoffset() or timedelta()
    minuti = int(offset.total_seconds()) // 60
    zona = f"{'+' if minuti >= 0 else '-'}{abs(minuti) // 60:02d}{abs(minuti) % 60:02d}"
    data = ElementTree.SubElement(dati, "data", zona=zona)
    ElementTree.SubElement(data, "giorno").text = ricevuta.data.strftime("%d/%m/%Y")
    ElementTree.SubElement(data, "ora").text = ricevuta.data.strftime("%H:%M:%S")
    ElementTree.SubElement(dati, "identificativo").text = ricevuta.identificativo
    ElementTree.SubElement(dati, "msgid").text = ricevuta.msgid
    if ricevuta.ricevuta is not None:
        ElementTree.SubElement(dati, "ricevuta", tipo=ricevuta.ricevuta)
    if ricevuta.consegna is not None:
        ElementTree.SubElement(dati, "consegna").text = ricevuta.consegna
    if ricevuta.errore_esteso is not None:
        ElementTree.SubElement(dati, "errore-esteso").text = ricevuta.errore_esteso
    corpo: bytes = ElementTree.tostring(radice, encoding="UTF-8", xml_declaration=True)
    return corpo


def _parti(messaggio: Message) -> Iterator[Message]:
    """The parts of the receipt itself: multiparts are opened, an attached message is not
    (the original in ``postacert.eml`` may carry files of any name)."""
    if messaggio.is_multipart() and messaggio.get_content_maintype() == "multipart":
        for parte in messaggio.get_payload():
            if isinstance(parte, Message):
                yield from _parti(parte)
    else:
        yield messaggio


def _allegato(parti: list[Message], nome: str) -> Message | None:
    for parte in parti:
        try:
            nome_parte = parte.get_filename() or parte.get_param("name", header="content-type")
        except Exception:  # a garbled header parameter is no name
            continue
        if isinstance(nome_parte, str) and nome_parte.strip().lower() == nome:
            return parte
    return None


def _figlio(elemento: ElementTree.Element, nome: str) -> ElementTree.Element:
    figlio = elemento.find(nome)
    if figlio is None:
        raise RicevutaNonValidaError(f"daticert.xml: manca l'elemento {nome}")
    return figlio


def _facoltativo(elemento: ElementTree.Element, nome: str) -> str | None:
    figlio = elemento.find(nome)
    testo = None if figlio is None else (figlio.text or "").strip()
    return testo or None


def _testo(elemento: ElementTree.Element, nome: str) -> str:
    testo = _facoltativo(elemento, nome)
    if testo is None:
        raise RicevutaNonValidaError(f"daticert.xml: manca {nome}")
    return testo


def _destinatari(intestazione: ElementTree.Element) -> tuple[Destinatario, ...]:
    destinatari = []
    for elemento in intestazione.findall("destinatari"):
        tipo = elemento.get("tipo", "certificato")
        if tipo not in DESTINATARI:
            raise RicevutaNonValidaError(f"tipo di destinatario sconosciuto: {tipo[:40]!r}")
        indirizzo = (elemento.text or "").strip()
        if indirizzo:
            destinatari.append(Destinatario(indirizzo=indirizzo, tipo=tipo))
    return tuple(destinatari)


def _data(elemento: ElementTree.Element) -> datetime:
    zona = elemento.get("zona", "+0000").strip()
    giorno = _testo(elemento, "giorno")
    ora = _testo(elemento, "ora")
    if not _ZONA.match(zona):
        raise RicevutaNonValidaError(f"daticert.xml: zona non valida {zona[:10]!r}")
    segno = -1 if zona[0] == "-" else 1
    offset = timedelta(hours=int(zona[1:3]), minutes=int(zona[3:5])) * segno
    try:
        if abs(offset) >= timedelta(hours=24):
            raise ValueError(zona)
        locale = datetime.strptime(f"{giorno} {ora}", "%d/%m/%Y %H:%M:%S")
        return locale.replace(tzinfo=timezone(offset))
    except ValueError as errore:
        raise RicevutaNonValidaError("daticert.xml: data o ora non valide") from errore


def in_utc(data: datetime) -> datetime:
    return data.astimezone(UTC)


@dataclass(frozen=True)
class RicevutaRegistrata:
    """A receipt kept as proof: what it certifies, about which message, where its raw bytes
    lie (``blob_key``/``sha256``/``size`` in ``notifiche``'s own area)."""

    ricevuta_id: str
    chiave: str
    tipo: TipoRicevutaPec
    ordine: str
    istanza_id: str
    comunicazione_id: str
    message_id_mail: str
    destinatario: str | None
    ricevuta_il: datetime
    gestore: str
    identificativo: str
    errore: str
    errore_esteso: str | None
    simulata: bool
    fonte: str
    blob_key: str
    sha256: str
    size: int
    registrata_il: datetime
