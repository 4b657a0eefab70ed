"""Application codes: short, typeable, printed as a 2D code, and carrying a keyed check element.

``DEMO-26-7K3Q9XAB-4FZP``: the Ordine, the year, 40 random bits and a 20-bit HMAC of the rest
under the installation's secret. A mistyped code fails the check almost always (a wrong
character changes the MAC); a forged one fails unless the forger knows the secret. Letters use
Crockford's base-32 alphabet, which has no I, L, O or U, and reading is forgiving about the
look-alikes and about keyboards whose layout turns ``-`` into something else.
"""

import hashlib
import hmac
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
# What a scanner gun or a hurried hand may type instead of "-" (keyboard layouts, dashes).
_SEPARATORS = re.compile("[-'/_\\s\u2019\u2013\u2014]+")  # also curly quote, en/em dash
_SHAPE = re.compile(r"^([A-Z]{2,32})-(\d{2})-([0-9A-Z]{8})-([0-9A-Z]{4})$")
_ORDINE = re.compile(r"^[A-Z]{2,32}$")


def ordine_valido(ordine: str) -> bool:
    """Whether ``ordine`` can be an Ordine's code (2 to 32 capital letters, as codes carry it)."""
    return _ORDINE.fullmatch(ordine) is not None


class CodiceNonValidoError(ValueError):
    """The text is not an application code of this installation."""

    def __init__(self, motivo: str) -> None:
        super().__init__(motivo)
        self.motivo = motivo
        """``formato`` (not shaped like a code) or ``controllo`` (check element wrong)."""


def _mac(secret: str, body: str) -> str:
    key = hmac.new(secret.encode(), b"parcelle/codice-istanza/v1", hashlib.sha256).digest()
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()
    value = int.from_bytes(digest[:3], "big") >> 4  # 20 bits
    return "".join(ALPHABET[(value >> shift) & 31] for shift in (15, 10, 5, 0))


def nuovo_codice(secret: str, ordine: str, anno: int) -> str:
    """A fresh code for an application of ``ordine`` filed in ``anno``."""
    casuale = "".join(secrets.choice(ALPHABET) for _ in range(8))
    body = f"{ordine.upper()}-{anno % 100:02d}-{casuale}"
    return f"{body}-{_mac(secret, body)}"


def normalizza(testo: str) -> str:
    """The canonical form of what was typed or scanned: upper case, one ``-`` per separator."""
    groups = _SEPARATORS.sub("-", testo.strip().upper()).strip("-").split("-")
    if len(groups) != 4:
        return "-".join(groups)
    ordine, anno, casuale, controllo = groups
    return "-".join(
        (ordine, anno, casuale.translate(_LOOKALIKES), controllo.translate(_LOOKALIKES))
    )


def verifica_codice(secret: str, testo: str) -> str:
    """The canonical code if ``testo`` is a genuine code; raises :class:`CodiceNonValidoError`."""
    codice = normalizza(testo)
    match = _SHAPE.match(codice)
    if match is None:
        raise CodiceNonValidoError("formato")
    body = codice.rsplit("-", 1)[0]
    if not hmac.compare_digest(_mac(secret, body), match.group(4)):
        raise CodiceNonValidoError("controllo")
    return codice


def ordine_del_codice(codice: str) -> str:
    """The Ordine a (canonical) code belongs to."""
    return codice.split("-", 1)[0]
