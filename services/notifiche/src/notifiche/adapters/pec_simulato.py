"""The simulated PEC provider of development (marked SIMULAZIONE everywhere): the transport the
sending side plugs in instead of the provider's SMTP.

Given a PEC message, it keeps it as ``.eml`` (byte for byte as sent) and issues, as a real
provider would, a receipt of acceptance and one of delivery for each recipient (complete: the
original rides in ``postacert.eml``), or a notice of non-delivery for a mailbox it does not
find (:func:`inesistente`: to try that path), in the real format (``daticert.xml``), signed
S/MIME by the simulated provider's certificate (:mod:`notifiche.adapters.pki_simulata`). Each
receipt is kept as ``.eml`` too, then handed to the same intake as a receipt read from the
Ordine's mailbox (``consegna``): the signature is verified, the receipt matched, kept,
announced.

The receipts are handed over ``ritardo`` seconds after the message was taken, as a provider's
come moments after its SMTP session (so that the sender has recorded the message as sent); a
receipt that still overtakes the record of its message makes the hand-over wait and try again
while the message is not found."""

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from notifiche.adapters.pki_simulata import Gestore
from notifiche.domain.errori import InvioNonTrovatoError
from notifiche.domain.ricevute import (
    SIMULAZIONE,
    Destinatario,
    RicevutaPec,
    normalizza_msgid,
    scrivi_daticert,
)
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.vocabolario import RICEVUTE_PEC, TipoRicevutaPec
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)
ROMA = ZoneInfo("Europe/Rome")
GESTORE = f"{SIMULAZIONE} Gestore PEC di sviluppo"
MITTENTE = "posta-certificata@simulazione.pec.invalid"
AVVISO = (
    f"{SIMULAZIONE} - Messaggio emesso dal gestore PEC simulato dell'ambiente di sviluppo, "
    "privo di valore legale."
)
OGGETTI: dict[TipoRicevutaPec, str] = {
    "accettazione": "ACCETTAZIONE",
    "non-accettazione": "AVVISO DI NON ACCETTAZIONE",
    "avvenuta-consegna": "CONSEGNA",
    "preavviso-errore-consegna": "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO",
    "errore-consegna": "AVVISO DI MANCATA CONSEGNA",
}
"""How providers begin a receipt's subject."""
Consegna = Callable[[bytes], Awaitable[object]]
_SICURO = re.compile(r"[^A-Za-z0-9._-]+")


class TrasportoPecSimulato:
    """``invia`` a PEC message through the simulated provider; ``cartella`` is
    ``var/mail/pec`` (``inviati/`` and ``ricevute/`` below it)."""

    def __init__(
        self,
        gestore: Gestore,
        cartella: Path,
        consegna: Consegna,
        *,
        ora: Callable[[], datetime] = utcnow,
        attesa: float = 0.5,
        tentativi: int = 40,
        ritardo: float = 0.3,
    ) -> None:
        self._gestore = gestore
        self._cartella = cartella
        self._consegna = consegna
        self._ora = ora
        self._attesa = attesa
        self._tentativi = tentativi
        self._ritardo = ritardo
        self._in_corso: set[asyncio.Task[None]] = set()

    async def invia(self, messaggio: EmailMessage) -> None:
        """Accept ``messaggio`` (it must carry From, To and Message-ID) and start its
        receipts; returns once the message and its receipts are kept as files."""
        grezzo = messaggio.as_bytes(policy=policy.SMTP)
        msgid = messaggio.get("Message-ID")
        mittente = parseaddr(str(messaggio.get("From", "")))[1]
        destinatari = [a for _, a in getaddresses([str(v) for v in messaggio.get_all("To", [])])]
        if not msgid or not mittente or not destinatari:
            raise ValueError("a PEC message needs From, To and Message-ID")
        msgid = normalizza_msgid(str(msgid))
        oggetto = str(messaggio.get("Subject", ""))
        quando = self._ora().astimezone(ROMA).replace(microsecond=0)
        nome = f"{quando:%Y%m%dT%H%M%S}-{_SICURO.sub('_', msgid.strip('<>'))[:80]}"
        await asyncio.to_thread(self._scrivi, "inviati", f"{nome}.eml", grezzo)
        accettazione = RicevutaPec(
            tipo="accettazione",
            errore="nessuno",
            mittente=mittente,
            destinatari=tuple(Destinatario(d, "certificato") for d in destinatari),
            risposte=mittente,
            oggetto=oggetto,
            gestore=GESTORE,
            data=quando,
            identificativo=_identificativo(),
            msgid=msgid,
        )
        ricevute = [self._firma(accettazione)]
        for destinatario in destinatari:
            if inesistente(destinatario):
                mancata = replace(
                    accettazione,
                    tipo="errore-consegna",
                    errore="no-dest",
                    identificativo=_identificativo(),
                    consegna=destinatario,
                    errore_esteso=f"5.1.1 - {SIMULAZIONE}: casella di destinazione inesistente",
                )
                ricevute.append(self._firma(mancata))
                continue
            consegna = replace(
                accettazione,
                tipo="avvenuta-consegna",
                identificativo=_identificativo(),
                ricevuta="completa",
                consegna=destinatario,
                con_originale=True,
            )
            ricevute.append(self._firma(consegna, originale=grezzo))
        for numero, ricevuta in enumerate(ricevute):
            await asyncio.to_thread(self._scrivi, "ricevute", f"{nome}-{numero}.eml", ricevuta)
        task = asyncio.create_task(self._consegna_tutte(ricevute), name="pec-simulata")
        self._in_corso.add(task)
        task.add_done_callback(self._in_corso.discard)

    async def attendi(self) -> None:
        """Wait until every receipt issued so far was handed to the intake (tests, shutdown)."""
        while self._in_corso:
            await asyncio.gather(*self._in_corso, return_exceptions=True)

    async def chiudi(self) -> None:
        for task in list(self._in_corso):
            task.cancel()
        await asyncio.gather(*self._in_corso, return_exceptions=True)

    async def _consegna_tutte(self, ricevute: list[bytes]) -> None:
        await asyncio.sleep(self._ritardo)
        for ricevuta in ricevute:
            for tentativo in range(self._tentativi):
                try:
                    await self._consegna(ricevuta)
                    break
                except InvioNonTrovatoError:
                    if tentativo + 1 == self._tentativi:
                        logger.warning("simulated PEC receipt matched no sent message")
                    await asyncio.sleep(self._attesa)
                except Exception:
                    logger.exception("simulated PEC receipt not taken in")
                    break

    def _scrivi(self, sotto: str, nome: str, dati: bytes) -> None:
        cartella = self._cartella / sotto
        cartella.mkdir(parents=True, exist_ok=True)
        (cartella / nome).write_bytes(dati)

    def _firma(self, ricevuta: RicevutaPec, *, originale: bytes | None = None) -> bytes:
        """The receipt as the provider sends it: signed content, then the outer headers."""
        contenuto = EmailMessage()
        contenuto.set_content(_testo(ricevuta))
        contenuto.make_mixed()
        if originale is not None:  # first, as providers put it: the reader must not care
            allegato = EmailMessage()
            # kept as sent, byte for byte: the generator writes a text payload of a
            # message/rfc822 part as it is, and surrogateescape gives back every byte
            allegato.set_payload(originale.decode("ascii", "surrogateescape"))
            allegato["Content-Type"] = "message/rfc822"
            allegato["Content-Disposition"] = 'attachment; filename="postacert.eml"'
            contenuto.attach(allegato)
        daticert = EmailMessage()
        daticert.set_content(
            scrivi_daticert(ricevuta),
            maintype="application",
            subtype="xml",
            disposition="attachment",
            filename="daticert.xml",
        )
        contenuto.attach(daticert)
        firmato = (
            pkcs7.PKCS7SignatureBuilder()
            .set_data(contenuto.as_bytes(policy=policy.SMTP))
            .add_signer(self._gestore.certificato, self._gestore.chiave, hashes.SHA256())
            .sign(serialization.Encoding.SMIME, [pkcs7.PKCS7Options.DetachedSignature])
        )
        prefisso = OGGETTI[ricevuta.tipo]
        intestazioni = [
            ("Return-Path", MITTENTE),
            ("From", f"Per conto di: {ricevuta.mittente} <{MITTENTE}>"),
            ("To", ricevuta.mittente),
            ("Subject", f"{SIMULAZIONE} {prefisso}: {ricevuta.oggetto}"),
            ("Date", format_datetime(ricevuta.data)),
            ("Message-ID", f"<{ricevuta.identificativo}>"),
            ("X-Ricevuta", ricevuta.tipo),
            ("X-Riferimento-Message-ID", ricevuta.msgid),
            ("X-Simulazione", f"{SIMULAZIONE}: gestore PEC simulato, senza valore legale"),
        ]
        if ricevuta.ricevuta is not None:
            intestazioni.append(("X-TipoRicevuta", ricevuta.ricevuta))
        testa = "".join(f"{k}: {_una_riga(v)}\r\n" for k, v in intestazioni)
        return testa.encode("utf-8") + firmato


def inesistente(indirizzo: str) -> bool:
    """A mailbox the simulated provider does not find (to try non-delivery): its name
    begins with ``inesistente`` or its domain ends in ``.invalid``."""
    nome, _, dominio = indirizzo.lower().rpartition("@")
    return nome.startswith("inesistente") or dominio.endswith(".invalid")


def _identificativo() -> str:
    return f"opec.simulazione.{new_id()}@simulazione.pec.invalid"


def _una_riga(valore: str) -> str:
    return valore.replace("\r", " ").replace("\n", " ")


def _testo(ricevuta: RicevutaPec) -> str:
    quando = f"{ricevuta.data:%d/%m/%Y} alle ore {ricevuta.data:%H:%M:%S}"
    destinatari = "\n".join(f'{d.indirizzo} ("posta certificata")' for d in ricevuta.destinatari)
    if ricevuta.tipo == "accettazione":
        corpo = (
            f'Il giorno {quando} il messaggio\n"{ricevuta.oggetto}" proveniente da '
            f'"{ricevuta.mittente}"\ned indirizzato a:\n{destinatari}\n'
            "è stato accettato dal sistema ed inoltrato."
        )
    elif ricevuta.tipo == "avvenuta-consegna":
        corpo = (
            f'Il giorno {quando} il messaggio\n"{ricevuta.oggetto}" proveniente da '
            f'"{ricevuta.mittente}"\ned indirizzato a "{ricevuta.consegna}"\n'
            "è stato consegnato nella casella di destinazione."
        )
    else:
        corpo = (
            f'Il giorno {quando} nel messaggio\n"{ricevuta.oggetto}" proveniente da '
            f'"{ricevuta.mittente}"\ned indirizzato a "{ricevuta.consegna}"\n'
            f"è stato rilevato un problema che ne impedisce la consegna: {ricevuta.errore_esteso}."
        )
    return (
        f"{AVVISO}\n\n{RICEVUTE_PEC[ricevuta.tipo]}\n\n{corpo}\n"
        f"Identificativo messaggio: {ricevuta.identificativo}\n"
    )
