"""Why a message could not be sent: the failures the use cases tell apart.

A permanent refusal (:class:`RecapitoRifiutatoError`) ends the delivery at once and the
secretariat is told; anything transient is the kit's ``TransientError`` (retried later); the
errors here that are not refusals are failures an operator must look at: the command is
dead-lettered with the reason, and the secretariat is told too."""


class RecapitoRifiutatoError(Exception):
    """The mail server refused the message for good (an SMTP 5xx reply)."""

    def __init__(self, motivo: str) -> None:
        super().__init__(motivo)
        self.motivo = motivo


class AllegatoNonValidoError(Exception):
    """An attachment is missing, or its bytes are not those the command's claim check names."""


class SegretoMancanteError(Exception):
    """A secret named by the Ordine's mail settings is not in this service's environment."""


class NonAutorizzataError(Exception):
    """A request the asker may not make (a refusal the gateway shows)."""

    codice = "non_autorizzata"

    def __init__(self, messaggio: str) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: dict[str, str] = {}
