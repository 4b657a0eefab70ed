"""The failures the use cases of `notifiche` tell apart.

Sending: a permanent refusal (:class:`RecapitoRifiutatoError`) ends the delivery at once and
the secretariat is told; anything transient is the kit's ``TransientError`` (retried later);
the other sending errors are failures an operator must look at: the command is dead-lettered
with the reason, and the secretariat is told too.

Receipts and requests: each refusal carries ``codice``, ``messaggio`` and ``campi``, so a
request answers it as a refusal (see :mod:`parcelle_kit.requests`)."""

from collections.abc import Mapping

# --- sending ------------------------------------------------------------------------------------


class RecapitoRifiutatoError(Exception):
    """The mail server refused the message for good (an SMTP 5xx reply)."""

    def __init__(self, motivo: str) -> None:
        super().__init__(motivo)
        self.motivo = motivo


class AllegatoNonValidoError(Exception):
    """An attachment is missing, or its bytes are not those the command's claim check names."""


class SegretoMancanteError(Exception):
    """A secret named by the Ordine's mail settings is not in this service's environment."""


# --- PEC receipts -------------------------------------------------------------------------------


class RicevutaRifiutataError(Exception):
    """A receipt that does not count as proof; ``motivo`` says why (for the log)."""

    codice = "ricevuta_non_valida"
    titolo = "La ricevuta PEC non è valida"

    def __init__(self, motivo: str) -> None:
        super().__init__(motivo)
        self.motivo = motivo
        self.messaggio = f"{self.titolo}: {motivo}."
        self.campi: Mapping[str, str] = {}


class RicevutaNonValidaError(RicevutaRifiutataError):
    """Not a receipt to the sender, or garbled: its ``daticert.xml`` cannot be read."""


class FirmaNonValidaError(RicevutaRifiutataError):
    """The provider's S/MIME signature does not verify (tampered, unsigned, or signed by a
    certificate no trusted PEC provider CA issued)."""

    codice = "firma_non_valida"
    titolo = "La firma del gestore PEC sulla ricevuta non è valida"


class InvioNonTrovatoError(Exception):
    """The receipt is about a message this Ordine did not send (or whose record is not written
    yet: a receipt may overtake it, so the caller may try again later)."""

    codice = "invio_non_trovato"

    def __init__(self, msgid: str) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.messaggio = f"Nessun messaggio inviato corrisponde alla ricevuta ({msgid[:200]})."
        self.campi: Mapping[str, str] = {}


class NonTrovataError(Exception):
    codice = "non_trovata"
    messaggio = "La ricevuta non esiste."
    campi: Mapping[str, str] = {}


# --- requests -----------------------------------------------------------------------------------


class NonAutorizzataError(Exception):
    """A request the asker may not make (a refusal the gateway shows)."""

    codice = "non_autorizzata"

    def __init__(self, messaggio: str) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: Mapping[str, str] = {}
