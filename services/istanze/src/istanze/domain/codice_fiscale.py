"""Italian tax codes (codice fiscale): the 16-character code of a natural person and the
11-digit numeric code of companies and other bodies.

A person's code is ``CCCNNNYYMDDZZZZK``: three letters from the surname, three from the name,
the year of birth, a month letter, the day of birth (plus 40 for women), the cadastral code of
the place of birth (a letter and three digits: A-M for Italian municipalities, Z for foreign
states) and a check letter (DM 23/12/1976). When two people would get the same code, the Agenzia
delle Entrate replaces digits with the letters LMNPQRSTUV (omocodia); the check letter is
computed on the characters as written, so such a code is checked as it is.
"""

import calendar
import string

from istanze.domain.errori import DatiNonValidiError
from istanze.domain.partita_iva import Messaggi, valida_numerico

MESSAGGIO_CONTROLLO = "Il carattere di controllo non corrisponde: controlla il codice fiscale"

MESI = "ABCDEHLMPRST"
"""Month letters, January to December."""

OMOCODIA = "LMNPQRSTUV"
"""The letters that stand for the digits 0-9 in a code altered for omocodia."""

POSIZIONI_NUMERICHE = (6, 7, 9, 10, 12, 13, 14)
"""Where a person's code has digits (0-based), each of which omocodia may turn into a letter."""

# Values of each character in the odd places (1st, 3rd, ... counting from one), from the
# decree's table; digits are worth what the letter in the same place of the alphabet is.
_VALORI_DISPARI = "1 0 5 7 9 13 15 17 19 21 2 4 18 20 11 3 6 8 12 14 16 10 22 25 24 23"
_DISPARI = dict(zip(string.ascii_uppercase, map(int, _VALORI_DISPARI.split()), strict=True))
_DISPARI.update({str(cifra): _DISPARI[chr(ord("A") + cifra)] for cifra in range(10)})
# In the even places a letter is worth its place in the alphabet from 0, a digit its value.
_PARI = {chr(ord("A") + i): i for i in range(26)} | {str(cifra): cifra for cifra in range(10)}

_LETTERE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CIFRE = frozenset("0123456789")

MESSAGGI_NUMERICO = Messaggi(
    vuoto="Indica il codice fiscale",
    solo_cifre="Il codice fiscale di 11 caratteri deve contenere solo cifre",
    lunghezza="Il codice fiscale numerico deve avere 11 cifre: ne ha {n}",
    zeri="Il codice fiscale non può essere composto da soli zeri",
    controllo="La cifra di controllo non corrisponde: controlla il codice fiscale",
)


def carattere_di_controllo(primi_quindici: str) -> str:
    """The check letter of the first fifteen characters of a person's code (upper case)."""
    if len(primi_quindici) != 15 or not set(primi_quindici) <= _LETTERE | _CIFRE:
        raise ValueError("fifteen upper-case letters or digits expected")
    somma = sum(
        (_DISPARI if posizione % 2 == 0 else _PARI)[carattere]
        for posizione, carattere in enumerate(primi_quindici)
    )
    return chr(ord("A") + somma % 26)


def normalizza(testo: str) -> str:
    """Upper case, no spaces: how codes are stored and compared."""
    return "".join(testo.split()).upper()


def senza_omocodia(codice: str) -> str:
    """A person's (normalised) code with omocodia letters turned back into digits."""
    caratteri = list(codice)
    for posizione in POSIZIONI_NUMERICHE:
        if caratteri[posizione] in OMOCODIA:
            caratteri[posizione] = str(OMOCODIA.index(caratteri[posizione]))
    return "".join(caratteri)


def e_numerico(codice: str) -> bool:
    """Whether a (normalised) code is the 11-digit kind companies and bodies have."""
    return len(codice) == 11 and codice.isascii() and codice.isdigit()


def valida_codice_fiscale(testo: str) -> str:
    """The normalised code if ``testo`` is a well-formed tax code of a person (16 characters)
    or of a company or body (11 digits); otherwise :class:`DatiNonValidiError` saying what is
    wrong."""
    codice = normalizza(testo)
    if not codice:
        raise DatiNonValidiError("Indica il codice fiscale")
    if len(codice) == 11 and codice.isascii() and codice.isdigit():
        return valida_numerico(codice, MESSAGGI_NUMERICO)
    return valida_persona_fisica(codice)


def valida_persona_fisica(testo: str) -> str:
    """The normalised code if ``testo`` is a well-formed 16-character code of a person."""
    codice = normalizza(testo)
    if not codice:
        raise DatiNonValidiError("Indica il codice fiscale")
    if not (codice.isascii() and codice.isalnum()):
        raise DatiNonValidiError("Il codice fiscale può contenere solo lettere e cifre")
    if len(codice) != 16:
        raise DatiNonValidiError(
            "Il codice fiscale deve avere 16 caratteri (11 cifre per società ed enti): "
            f"ne ha {len(codice)}"
        )
    if not set(codice[:6]) <= _LETTERE:
        raise DatiNonValidiError(
            "I primi sei caratteri del codice fiscale (cognome e nome) devono essere lettere"
        )
    for posizione in POSIZIONI_NUMERICHE:
        if codice[posizione] not in _CIFRE and codice[posizione] not in OMOCODIA:
            raise DatiNonValidiError(_messaggio_posizione(posizione))
    if codice[8] not in MESI:
        raise DatiNonValidiError(
            "Il mese di nascita nel codice fiscale (9° carattere) non è valido: sono ammesse "
            "le lettere " + " ".join(MESI)
        )
    if codice[11] not in "ABCDEFGHIJKLMZ":
        raise DatiNonValidiError(_messaggio_posizione(11))
    decodificato = senza_omocodia(codice)
    anno, mese, giorno = int(decodificato[6:8]), MESI.index(codice[8]) + 1, int(decodificato[9:11])
    if giorno > 40:
        giorno -= 40
    # The century is not in the code, but a two-digit year divisible by 4 is a leap year in
    # either century that matters (2000 was one), so 29 February is checked exactly.
    if not 1 <= giorno <= calendar.monthrange(2000 + anno, mese)[1]:
        raise DatiNonValidiError(
            "Il giorno di nascita nel codice fiscale (10° e 11° carattere) non è valido: "
            "da 01 a 31 per gli uomini, da 41 a 71 per le donne, e deve esistere nel mese"
        )
    if codice[15] != carattere_di_controllo(codice[:15]):
        raise DatiNonValidiError(MESSAGGIO_CONTROLLO)
    return codice


def _messaggio_posizione(posizione: int) -> str:
    if posizione in (6, 7):
        return "L'anno di nascita nel codice fiscale (7° e 8° carattere) non è valido"
    if posizione in (9, 10):
        return "Il giorno di nascita nel codice fiscale (10° e 11° carattere) non è valido"
    return (
        "Il codice del comune di nascita nel codice fiscale (dal 12° al 15° carattere) non è valido"
    )
