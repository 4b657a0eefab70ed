"""Italian VAT numbers (partita IVA): 11 digits, the last one a check digit.

The check digit is the Luhn algorithm over the first ten digits, as the Agenzia delle Entrate
specifies it: the digits in odd places are added as they are, those in even places are doubled
(minus 9 when the double exceeds 9); the check digit brings the sum to a multiple of 10.
Companies' numeric tax codes (codice fiscale di 11 cifre) follow the same rule, so this module
also checks them for :mod:`istanze.domain.codice_fiscale`.
"""

from typing import NamedTuple

from istanze.domain.errori import DatiNonValidiError


class Messaggi(NamedTuple):
    """What to tell the user about an 11-digit number, by what is wrong with it."""

    vuoto: str
    solo_cifre: str
    lunghezza: str
    """Formatted with ``{n}``, the number of digits found."""
    zeri: str
    controllo: str


MESSAGGI_PARTITA_IVA = Messaggi(
    vuoto="Indica la partita IVA",
    solo_cifre="La partita IVA deve contenere solo cifre",
    lunghezza="La partita IVA deve avere 11 cifre: ne ha {n}",
    zeri="La partita IVA non può essere composta da soli zeri",
    controllo="La cifra di controllo non corrisponde: controlla la partita IVA",
)


def cifra_di_controllo(prime_dieci: str) -> str:
    """The check digit of the ten digits ``prime_dieci``."""
    if len(prime_dieci) != 10 or not prime_dieci.isascii() or not prime_dieci.isdigit():
        raise ValueError("ten ASCII digits expected")
    somma = 0
    for posizione, carattere in enumerate(prime_dieci):
        cifra = int(carattere)
        if posizione % 2 == 1:  # an even place, counting from one as the rule does
            cifra *= 2
            if cifra > 9:
                cifra -= 9
        somma += cifra
    return str((10 - somma % 10) % 10)


def valida_numerico(testo: str, messaggi: Messaggi) -> str:
    """The 11 digits of ``testo`` (spaces removed) if their check digit matches.

    Raises :class:`DatiNonValidiError` with the message of ``messaggi`` for what is wrong.
    """
    numero = "".join(testo.split())  # people copy numbers grouped: "012 3456 7890"
    if not numero:
        raise DatiNonValidiError(messaggi.vuoto)
    if not (numero.isascii() and numero.isdigit()):
        raise DatiNonValidiError(messaggi.solo_cifre)
    if len(numero) != 11:
        raise DatiNonValidiError(messaggi.lunghezza.format(n=len(numero)))
    if numero == "0" * 11:
        # Ten zeros have check digit 0: a placeholder, not a number anyone was given.
        raise DatiNonValidiError(messaggi.zeri)
    if cifra_di_controllo(numero[:10]) != numero[10]:
        raise DatiNonValidiError(messaggi.controllo)
    return numero


def valida_partita_iva(testo: str) -> str:
    """The normalised VAT number (11 digits), or :class:`DatiNonValidiError` saying what is
    wrong."""
    compatto = "".join(testo.split())
    if compatto[:2].upper() == "IT" and compatto[2:].isdigit():
        # The EU VAT form (IT + 11 digits) is common on invoices; the field wants the number.
        raise DatiNonValidiError("Indica la partita IVA senza il prefisso IT")
    return valida_numerico(compatto, MESSAGGI_PARTITA_IVA)
