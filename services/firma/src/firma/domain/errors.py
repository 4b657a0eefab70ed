"""Refusals of `firma`: a request that cannot be served, with a code a program can act on.

``parcelle_kit.requests.answer`` turns any exception carrying ``codice``, ``messaggio`` and
``campi`` into ``Esito(ok=False, errore=...)``, so the domain need not import the kit.
"""

from collections.abc import Mapping


class RichiestaRifiutata(Exception):
    """The request was understood and refused; the message says why, in Italian."""

    def __init__(self, codice: str, messaggio: str, campi: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{codice}: {messaggio}")
        self.codice = codice
        self.messaggio = messaggio
        self.campi: Mapping[str, str] = dict(campi or {})


def non_disponibile() -> RichiestaRifiutata:
    return RichiestaRifiutata(
        "non_disponibile", "La firma dimostrativa è disponibile solo nell'ambiente di sviluppo."
    )


def firma_non_configurata() -> RichiestaRifiutata:
    return RichiestaRifiutata(
        "non_disponibile", "Nessun dispositivo di firma dell'Ordine è configurato nel servizio."
    )


def file_non_trovato(campo: str) -> RichiestaRifiutata:
    return RichiestaRifiutata(
        "file_non_trovato", "Il file indicato non è disponibile.", {campo: "File non trovato."}
    )


def file_non_corrispondente(campo: str) -> RichiestaRifiutata:
    return RichiestaRifiutata(
        "file_non_corrispondente",
        "Il file letto non corrisponde all'impronta indicata.",
        {campo: "Impronta SHA-256 o dimensione diverse da quelle del file."},
    )


def file_troppo_grande(campo: str, limite: int) -> RichiestaRifiutata:
    return RichiestaRifiutata(
        "file_troppo_grande",
        f"Il file supera la dimensione massima di {limite // (1024 * 1024)} MB.",
        {campo: "File troppo grande."},
    )


def non_pdf(campo: str) -> RichiestaRifiutata:
    return RichiestaRifiutata(
        "dati_non_validi", "Il documento da firmare non è un PDF.", {campo: "Non è un PDF."}
    )
