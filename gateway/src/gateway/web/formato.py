"""Italian on screen: money, dates, sizes as Italians write them, and the parsing of what they
type into the forms ("1.701,00", "1701,00" and "1701.00" are the same amount).

Pure functions, no framework: the templates use them as filters, the form readers to parse.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

ROMA = ZoneInfo("Europe/Rome")
CENTESIMO = Decimal("0.01")
NBSP = "\u00a0"
"""Between the euro sign and the figure, so a line never breaks inside an amount."""

# ASCII digits only: \d would also take Arabic-Indic and other digits.
_GRUPPI = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$")
_GRUPPI_EN = re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+$")
_CIFRE = re.compile(r"^[0-9]+$")


class ValoreNonValidoError(ValueError):
    """What the user typed cannot be read; the message is Italian and says how to write it."""


def _numero(testo: str) -> tuple[str, str]:
    """The integer and decimal digits of an Italian (or plain) decimal number."""
    if "," in testo and "." in testo:
        # Whichever comes last separates the decimals: "1.701,00" (Italian), "1,701.00".
        decimale = "," if testo.rfind(",") > testo.rfind(".") else "."
        migliaia = "." if decimale == "," else ","
        intera, _, decimali = testo.rpartition(decimale)
        gruppi = _GRUPPI if migliaia == "." else _GRUPPI_EN
        if not gruppi.match(intera):
            raise ValoreNonValidoError("separatori non validi")
        return intera.replace(migliaia, ""), decimali
    if "," in testo:
        if testo.count(",") > 1:
            raise ValoreNonValidoError("più di una virgola")
        intera, _, decimali = testo.partition(",")
        return intera, decimali
    if "." in testo:
        intera, _, ultima = testo.rpartition(".")
        # "1.701" and "1.234.567" are thousands, as an Italian writes them; "1701.5" and
        # "1701.50" are decimals, as a keyboard or a spreadsheet gives them.
        if len(ultima) == 3 and _GRUPPI.match(testo):
            return testo.replace(".", ""), ""
        if "." in intera:
            raise ValoreNonValidoError("punti non validi")
        return intera, ultima
    return testo, ""


def leggi_importo(testo: str | None) -> Decimal | None:
    """An amount in euro from what the user typed; None when nothing was typed.

    Accepts "1.701,00", "1701,00", "1701.00", "1701", "€ 1.701", spaces anywhere.
    """
    pulito = "".join((testo or "").split()).removeprefix("€").removesuffix("€")
    if not pulito:
        return None
    if pulito.startswith("-"):
        raise ValoreNonValidoError("L'importo non può essere negativo.")
    try:
        intera, decimali = _numero(pulito)
    except ValoreNonValidoError:
        raise ValoreNonValidoError(
            "Importo non valido: scrivi ad esempio 1.701,00 oppure 1701,00."
        ) from None
    if not intera or not _CIFRE.match(intera) or (decimali and not _CIFRE.match(decimali)):
        raise ValoreNonValidoError("Importo non valido: scrivi ad esempio 1.701,00 oppure 1701,00.")
    if len(decimali) > 2:
        raise ValoreNonValidoError("Al massimo due cifre dopo la virgola (i centesimi).")
    if len(intera.lstrip("0")) > 12:
        raise ValoreNonValidoError("Importo troppo grande.")
    try:
        valore = Decimal(f"{intera}.{decimali or '0'}")
    except InvalidOperation:  # pragma: no cover - the digits were checked above
        raise ValoreNonValidoError("Importo non valido.") from None
    return valore.quantize(CENTESIMO, rounding=ROUND_HALF_UP)


def leggi_intero(testo: str | None) -> int | None:
    """A whole number typed by the user ("3", " 12 "); None when empty."""
    pulito = "".join((testo or "").split()).replace(".", "")
    if not pulito:
        return None
    if not _CIFRE.match(pulito) or len(pulito) > 9:
        raise ValoreNonValidoError("Indica un numero intero, ad esempio 2.")
    return int(pulito)


def leggi_data(testo: str | None) -> date | None:
    """A date from a date field (AAAA-MM-GG) or typed the Italian way (GG/MM/AAAA)."""
    pulito = (testo or "").strip()
    if not pulito:
        return None
    try:
        if re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", pulito):
            return date.fromisoformat(pulito)
        trovata = re.match(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$", pulito)
        if trovata:
            giorno, mese, anno = (int(parte) for parte in trovata.groups())
            return date(anno, mese, giorno)
    except ValueError:
        pass
    raise ValoreNonValidoError("Data non valida: scrivi ad esempio 31/01/2024.")


def _migliaia(intera: int) -> str:
    return f"{intera:,}".replace(",", ".")


def numero_it(valore: Decimal) -> str:
    """``Decimal("7616")`` -> ``"7.616,00"``."""
    arrotondato = valore.quantize(CENTESIMO, rounding=ROUND_HALF_UP)
    segno = "-" if arrotondato < 0 else ""
    intera, _, centesimi = f"{abs(arrotondato):.2f}".partition(".")
    return f"{segno}{_migliaia(int(intera))},{centesimi}"


def euro(valore: Decimal | None) -> str:
    """``Decimal("7616")`` -> ``"€ 7.616,00"`` (with a non-breaking space); "—" for None."""
    if valore is None:
        return "—"
    return f"€{NBSP}{numero_it(valore)}"


def importo_o_nulla(testo: str | None) -> Decimal | None:
    """The amount a field holds, or None when it holds none or not a valid one (a template's
    question: is what the lawyer wrote within a range?)."""
    try:
        return leggi_importo(testo)
    except ValoreNonValidoError:
        return None


def importo_da_modificare(valore: Decimal | None) -> str:
    """An amount as it goes back into a form field: "1.701,00"; empty for None."""
    return "" if valore is None else numero_it(valore)


def percentuale(valore: Decimal | None) -> str:
    """``Decimal("15")`` -> ``"15"``, ``Decimal("12.5")`` -> ``"12,5"``."""
    if valore is None:
        return ""
    testo = f"{valore.normalize():f}"
    return testo.replace(".", ",")


def data_ora(quando: datetime | None) -> str:
    """An aware datetime on the Italian clock: ``"05/03/2025 14:07"``."""
    if quando is None:
        return "—"
    return quando.astimezone(ROMA).strftime("%d/%m/%Y %H:%M")


def data_it(giorno: date | None) -> str:
    return "—" if giorno is None else giorno.strftime("%d/%m/%Y")


def data_iso(quando: datetime) -> str:
    """For ``<time datetime="...">``: the instant with its offset."""
    return quando.astimezone(ROMA).isoformat(timespec="minutes")


def dimensione(byte: int) -> str:
    """A file size the way people read it: "512 byte", "84 KB", "2,4 MB"."""
    if byte < 1024:
        return f"{byte} byte"
    if byte < 1024 * 1024:
        kilo = (Decimal(byte) / 1024).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        return f"{kilo} KB"
    mega = (Decimal(byte) / (1024 * 1024)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{str(mega).replace('.', ',')} MB"


def impronta_breve(sha256: str) -> str:
    """The first and last 8 hex digits of a SHA-256, for a table; the full value stays at hand."""
    return sha256 if len(sha256) <= 20 else f"{sha256[:8]}…{sha256[-8:]}"
