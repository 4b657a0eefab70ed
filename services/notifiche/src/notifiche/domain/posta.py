"""A mail as the standard library writes it: headers, a text and an HTML alternative, and the
attachments byte for byte (base64, so what the recipient saves is what was sent)."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime


@dataclass(frozen=True)
class Redazione:
    """What a template wrote: the subject, the plain text, the HTML."""

    oggetto: str
    testo: str
    html: str


@dataclass(frozen=True)
class Allegato:
    nome_file: str
    content_type: str
    dati: bytes


@dataclass(frozen=True)
class Busta:
    """Who writes to whom, and the mail's identity."""

    mittente_nome: str
    mittente: str
    destinatario_nome: str
    destinatario: str
    message_id_mail: str
    data: datetime


def pulito(testo: str, vuoto: str = "") -> str:
    """``testo`` fit for a header: control characters (line breaks included) become spaces,
    runs of spaces one space."""
    visibile = "".join(" " if unicodedata.category(c).startswith("C") else c for c in testo)
    return " ".join(visibile.split()) or vuoto


def _indirizzo(nome: str, indirizzo: str) -> Address:
    utente, _, dominio = indirizzo.rpartition("@")
    return Address(display_name=pulito(nome), username=utente, domain=dominio)


def componi(busta: Busta, testi: Redazione, allegati: list[Allegato]) -> EmailMessage:
    """The mail, ready for any SMTP client."""
    mail = EmailMessage()
    mail["From"] = _indirizzo(busta.mittente_nome, busta.mittente)
    mail["To"] = _indirizzo(busta.destinatario_nome, busta.destinatario)
    mail["Subject"] = pulito(testi.oggetto)
    mail["Date"] = format_datetime(busta.data)
    mail["Message-ID"] = busta.message_id_mail
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(testi.testo)
    mail.add_alternative(testi.html, subtype="html")
    for allegato in allegati:
        principale, _, secondario = allegato.content_type.partition("/")
        mail.add_attachment(
            allegato.dati,
            maintype=principale or "application",
            subtype=secondario or "octet-stream",
            filename=pulito(allegato.nome_file, "allegato"),
        )
    return mail
