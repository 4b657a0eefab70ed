"""The Italian tax code (codice fiscale) of a natural person, as signing certificates carry it.

Qualified certificates put the signer's identifier in the subject ``serialNumber`` attribute.
ETSI EN 319 412-1 (5.1.3) writes it as a semantics identifier: ``TIN`` (tax identification
number), the country, a hyphen and the number, so an Italian lawyer's certificate says
``TINIT-RSSMRA80A01H501U``. Older certificates (CNIPA rules before the ETSI profile) wrote
``IT:RSSMRA80A01H501U``, and some the bare 16 characters. Anything else (a company VAT
number, a certificate serial, a different country) is not a person's codice fiscale, and we
say so rather than guess.
"""

import re

_PREFISSI = ("TINIT-", "IT:")  # ETSI EN 319 412-1 semantics identifier; older Italian form
# Digits in positions 7-8, 10-11 and 13-15 may be replaced by letters (omocodia): when two
# people share a code, the Agenzia delle Entrate substitutes digits from the right with
# L M N P Q R S T U V, so those positions accept both.
_OMOCODICI = "LMNPQRSTUV"
_N = f"[0-9{_OMOCODICI}]"
_FORMA = re.compile(rf"[A-Z]{{6}}{_N}{{2}}[ABCDEHLMPRST]{_N}{{2}}[A-Z]{_N}{{3}}[A-Z]")

# Check character (DM 23/12/1976, art. 7): characters in odd positions (1st, 3rd, ...) and
# in even positions map to different values; the sum modulo 26 is the letter.
_DISPARI_LETTERE: tuple[int, ...] = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3)
_DISPARI_LETTERE += (6, 8, 12, 14, 16, 10, 22, 25, 24, 23)  # A..Z
_DISPARI = {chr(ord("A") + i): valore for i, valore in enumerate(_DISPARI_LETTERE)}
_DISPARI |= {str(cifra): _DISPARI_LETTERE[cifra] for cifra in range(10)}  # 0-9 count as A-J


def _pari(carattere: str) -> int:
    return int(carattere) if carattere.isdigit() else ord(carattere) - ord("A")


def carattere_di_controllo(primi_quindici: str) -> str:
    """The 16th character of a codice fiscale whose first 15 characters are given."""
    somma = sum(
        _DISPARI[c] if indice % 2 == 0 else _pari(c) for indice, c in enumerate(primi_quindici)
    )
    return chr(ord("A") + somma % 26)


def normalizza(testo: str) -> str:
    """Upper case, without the spaces people type or paste around and inside the code."""
    return "".join(testo.split()).upper()


def is_valido(codice: str) -> bool:
    """Whether ``codice`` (already normalised) is a well-formed personal codice fiscale."""
    return bool(_FORMA.fullmatch(codice)) and carattere_di_controllo(codice[:15]) == codice[15]


def da_serial_number(serial_number: str | None) -> str | None:
    """The codice fiscale in a certificate subject's ``serialNumber``, or None.

    Accepts ``TINIT-<codice>``, ``IT:<codice>`` and the bare code, in any case and with stray
    spaces; refuses codes whose form or check character is wrong, since a certificate that
    carries a malformed code does not identify anyone.
    """
    if not serial_number:
        return None
    codice = normalizza(serial_number)
    prefisso = next((p for p in _PREFISSI if codice.startswith(p)), "")
    codice = codice.removeprefix(prefisso)
    return codice if is_valido(codice) else None
