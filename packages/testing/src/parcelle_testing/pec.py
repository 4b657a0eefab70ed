"""PEC in tests: a message as the sending side makes it (with an attachment holding every byte
value, to check what is kept byte for byte), and a receipt forged the way a forger would:
its ``daticert.xml`` decoded, edited and encoded again, the provider's signature left as it
was."""

import base64
import re
from email.message import EmailMessage
from email.utils import make_msgid

PEC_ORDINE = "segreteria@pec.ordine-demo.example.it"
PEC_CLIENTE = "cliente@pec.example.it"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


def messaggio_pec(destinatari: tuple[str, ...] = (PEC_CLIENTE,)) -> EmailMessage:
    messaggio = EmailMessage()
    messaggio["From"] = PEC_ORDINE
    messaggio["To"] = ", ".join(destinatari)
    messaggio["Subject"] = "Avvio del procedimento - pratica 2026/000123"
    messaggio["Message-ID"] = make_msgid(domain="parcelle.example.it")
    messaggio.set_content("Si comunica l'avvio del procedimento.")
    messaggio.add_attachment(
        PDF, maintype="application", subtype="pdf", filename="comunicazione.pdf"
    )
    return messaggio


def altera_daticert(grezza: bytes, vecchio: bytes, nuovo: bytes) -> bytes:
    """``grezza`` with ``vecchio`` replaced by ``nuovo`` inside its (base64) ``daticert.xml``."""
    for blocco in re.findall(rb"\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--", grezza):
        try:
            xml = base64.b64decode(blocco)
        except ValueError:
            continue
        if b"<postacert" in xml and vecchio in xml:
            cambiato = base64.encodebytes(xml.replace(vecchio, nuovo))
            return grezza.replace(blocco, cambiato.replace(b"\n", b"\r\n").rstrip(b"\r\n"))
    raise AssertionError(f"{vecchio!r} is not in the receipt's daticert.xml")
