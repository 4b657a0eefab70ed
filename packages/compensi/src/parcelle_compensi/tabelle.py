"""The DM 147/2022 tables as data: brackets (scaglioni), the medium value of each phase, and the
minimum and maximum that DM 55/2014 art. 4 c.1 allows around it.

The values live in ``dati/dm147_2022.json``, read once through :mod:`importlib.resources`; every
table there names its sources and how they were compared. A table that is not in the file has no
parameters: the functions answer ``None``, never a value from elsewhere.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from parcelle_compensi.importi import CENTESIMO, percentuale

FILE_DATI = "dm147_2022.json"

FASE_UNICA = "unica"
"""The phase code of a table with one fee for the whole proceeding (Tabella 8, procedimenti
monitori). It is not one of the contracts' phases: a caller asking for ``studio`` ...
``decisionale`` gets ``None`` from such a table, and asks for ``unica`` instead."""


@dataclass(frozen=True)
class Parametri:
    """Minimum, medium and maximum of one phase, in euro to the cent.

    ``medio`` is ``None`` for a value the annex leaves indeterminable: the rule then spans several
    brackets, and the range runs from the lowest one's minimum to the highest one's maximum.
    """

    minimo: Decimal
    medio: Decimal | None
    massimo: Decimal


@dataclass(frozen=True)
class Fonte:
    """A published source a table or a rule was read from."""

    codice: str
    titolo: str
    url: str
    tipo: str


@dataclass(frozen=True)
class Scaglione:
    """A value bracket: from ``da`` to ``fino_a`` inclusive, with the medium value of each phase."""

    da: Decimal
    fino_a: Decimal
    medi: Mapping[str, Decimal]

    def contiene(self, valore: Decimal) -> bool:
        """Whether ``valore`` falls in this bracket.

        The brackets split the values with no gap: above the previous bracket's ``fino_a`` and up
        to this one's, so 26,000.00 is in 5,200.01-26,000 and 26,000.01 in 26,000.01-52,000.
        """
        _valore_ammesso(valore)
        return self.da - CENTESIMO < valore <= self.fino_a

    def parametri(self, fase: str) -> Parametri | None:
        """The phase's minimum, medium and maximum, or ``None`` if the table has no such phase."""
        medio = self.medi.get(fase)
        if medio is None:
            return None
        regola = _regola_variazione()
        return Parametri(
            minimo=percentuale(medio, regola.minimo_percentuale),
            medio=medio,
            massimo=percentuale(medio, regola.massimo_percentuale),
        )


@dataclass(frozen=True)
class Tabella:
    """One table of the annex: its number, its phases, its brackets and where it was read.

    ``fasi`` are the contracts' phase words (``studio`` ... ``decisionale``), or :data:`FASE_UNICA`
    for a single fee. ``nomi_fasi`` gives the annex's own name of a phase where it differs from
    the contracts' label (Tabella 17 calls ``istruttoria`` "Fase di trattazione e conclusiva").
    """

    codice: str
    numero: str
    titolo: str
    fasi: tuple[str, ...]
    scaglioni: tuple[Scaglione, ...]
    fonti: tuple[Fonte, ...]
    verifica: str
    nomi_fasi: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Regola:
    """A rule of the decree the functions apply, with its article and sources."""

    articolo: str
    testo: str
    fonti: tuple[Fonte, ...]


@dataclass(frozen=True)
class _Variazione:
    minimo_percentuale: Decimal
    massimo_percentuale: Decimal


@dataclass(frozen=True)
class _Indeterminabile:
    fino_a: tuple[Decimal, ...]
    particolare_importanza_fino_a: tuple[Decimal, ...]


def tabelle() -> Mapping[str, Tabella]:
    """Every shipped table, by its code (``tribunale``, ``giudice_di_pace``, ...)."""
    return _caricati().tabelle


def tabella(procedimento: str) -> Tabella | None:
    """The table for a kind of proceeding of the contracts' vocabulary, or ``None``.

    ``None`` when no verified table applies, or when more than one does (``tribunale_lavoro``
    covers both labour and social-security cases): :func:`tabelle_per` lists the candidates.
    Raises ``ValueError`` for a kind the data does not know.
    """
    candidate = tabelle_per(procedimento)
    return candidate[0] if len(candidate) == 1 else None


def tabelle_per(procedimento: str) -> tuple[Tabella, ...]:
    """Every shipped table that may apply to a kind of proceeding (none, one, or a choice)."""
    caricati = _caricati()
    try:
        codici = caricati.procedimenti[procedimento]
    except KeyError:
        raise ValueError(f"unknown kind of proceeding: {procedimento!r}") from None
    return tuple(caricati.tabelle[codice] for codice in codici)


def scaglione(tabella: Tabella, valore: Decimal | None) -> Scaglione | None:
    """The bracket of ``valore`` in ``tabella``.

    26,000.00 is in 5,200.01-26,000 and 26,000.01 in the next one. ``None`` above the table's last
    bracket (DM 55/2014 art. 6 increments are discretionary) and for an indeterminable value
    (``valore`` None), which the annex places in more than one bracket: see :func:`scaglioni`.
    """
    if valore is None:
        return None
    trovati = scaglioni(tabella, valore)
    return trovati[0] if trovati else None


def scaglioni(
    tabella: Tabella, valore: Decimal | None, *, particolare_importanza: bool = False
) -> tuple[Scaglione, ...]:
    """The brackets a value may be liquidated in: one for a known value, none above the table.

    For an indeterminable value (``None``, DM 55/2014 art. 5 c.6) the brackets 26,000.01-52,000
    and 52,000.01-260,000, and with ``particolare_importanza`` also 260,000.01-520,000, as far as
    the table has them (:func:`parametri_tabella` shows no range when it lacks any of them).
    """
    if valore is None:
        limiti = _limiti_indeterminabile(particolare_importanza)
        return tuple(s for s in tabella.scaglioni if s.fino_a in limiti)
    _valore_ammesso(valore)
    return tuple(s for s in tabella.scaglioni if s.contiene(valore))


def parametri(
    procedimento: str,
    valore: Decimal | None,
    fase: str,
    *,
    particolare_importanza: bool = False,
) -> Parametri | None:
    """The minimum, medium and maximum of ``fase`` for a kind of proceeding and a value.

    ``None`` when no verified table applies to the kind, the value is beyond the table's brackets,
    or the table has no such phase: no parameters are shown rather than a guessed one.
    """
    scelta = tabella(procedimento)
    if scelta is None:
        return None
    return parametri_tabella(scelta, valore, fase, particolare_importanza=particolare_importanza)


def parametri_della_pratica(
    procedimento: str | None,
    valore: Decimal | None,
    valore_indeterminabile: bool,
    fase: str,
) -> Parametri | None:
    """The range of ``fase`` for an application as it stands: none for an item outside the
    phases (``altro``), before the kind of proceeding is known, or while neither a value nor
    "indeterminable" is given."""
    if procedimento is None or fase == "altro":
        return None
    if valore_indeterminabile:
        return parametri(procedimento, None, fase)
    if valore is None:
        return None
    return parametri(procedimento, valore, fase)


def parametri_tabella(
    tabella: Tabella,
    valore: Decimal | None,
    fase: str,
    *,
    particolare_importanza: bool = False,
) -> Parametri | None:
    """As :func:`parametri`, for a table chosen by the caller (e.g. one of :func:`tabelle_per`)."""
    trovati = scaglioni(tabella, valore, particolare_importanza=particolare_importanza)
    per_scaglione = [p for p in (s.parametri(fase) for s in trovati) if p is not None]
    if not per_scaglione:
        return None
    if valore is not None:
        return per_scaglione[0]
    if len(per_scaglione) != len(_limiti_indeterminabile(particolare_importanza)):
        # The table lacks some of the brackets the rule names: a partial range would be a guess.
        return None
    return Parametri(
        minimo=min(p.minimo for p in per_scaglione),
        medio=None,
        massimo=max(p.massimo for p in per_scaglione),
    )


def entro_limiti(importo: Decimal, parametri: Parametri) -> bool:
    """Whether ``importo`` lies between the minimum and the maximum, both included."""
    _valore_ammesso(importo, zero_ammesso=True)
    return parametri.minimo <= importo <= parametri.massimo


def regole() -> Mapping[str, Regola]:
    """The rules applied (``variazione``, ``indeterminabile``, ``oltre_ultimo_scaglione``)."""
    return _caricati().regole


def mancanti() -> tuple[tuple[str, str], ...]:
    """The tables not shipped, each with the reason: ``(tabella, motivo)``."""
    return _caricati().mancanti


@dataclass(frozen=True)
class _Caricati:
    tabelle: Mapping[str, Tabella]
    procedimenti: Mapping[str, tuple[str, ...]]
    regole: Mapping[str, Regola]
    variazione: _Variazione
    indeterminabile: _Indeterminabile
    mancanti: tuple[tuple[str, str], ...]


def leggi_dati() -> dict[str, Any]:
    """The data file as JSON, untouched (its schema is tested on its own)."""
    testo = resources.files("parcelle_compensi").joinpath("dati", FILE_DATI).read_text("utf-8")
    dati: dict[str, Any] = json.loads(testo)
    return dati


@cache
def _caricati() -> _Caricati:
    dati = leggi_dati()
    fonti = {
        codice: Fonte(codice, voce["titolo"], voce["url"], voce["tipo"])
        for codice, voce in dati["fonti"].items()
    }
    tabelle = {voce["codice"]: _tabella(voce, fonti) for voce in dati["tabelle"]}
    procedimenti = {kind: tuple(codici) for kind, codici in dati["procedimenti"].items()}
    for codici in procedimenti.values():
        for codice in codici:
            if codice not in tabelle:
                raise ValueError(f"a kind of proceeding names a table not shipped: {codice}")
    regole = {
        nome: Regola(voce["articolo"], voce["testo"], tuple(fonti[f] for f in voce["fonti"]))
        for nome, voce in dati["regole"].items()
    }
    variazione = dati["regole"]["variazione"]
    indeterminabile = dati["regole"]["indeterminabile"]
    return _Caricati(
        tabelle=MappingProxyType(tabelle),
        procedimenti=MappingProxyType(procedimenti),
        regole=MappingProxyType(regole),
        variazione=_Variazione(
            Decimal(variazione["minimo_percentuale"]), Decimal(variazione["massimo_percentuale"])
        ),
        indeterminabile=_Indeterminabile(
            tuple(Decimal(v) for v in indeterminabile["scaglioni_fino_a"]),
            tuple(Decimal(v) for v in indeterminabile["particolare_importanza_fino_a"]),
        ),
        mancanti=tuple((voce["tabella"], voce["motivo"]) for voce in dati["mancanti"]),
    )


def _tabella(voce: Mapping[str, Any], fonti: Mapping[str, Fonte]) -> Tabella:
    fasi = tuple(voce["fasi"])
    scaglioni: list[Scaglione] = []
    da = CENTESIMO
    for grezzo in voce["scaglioni"]:
        fino_a = Decimal(grezzo["fino_a"])
        medi = {fase: Decimal(grezzo["medi"][fase]) for fase in fasi}
        scaglioni.append(Scaglione(da=da, fino_a=fino_a, medi=MappingProxyType(medi)))
        da = fino_a + CENTESIMO
    return Tabella(
        codice=voce["codice"],
        numero=voce["numero"],
        titolo=voce["titolo"],
        fasi=fasi,
        scaglioni=tuple(scaglioni),
        fonti=tuple(fonti[codice] for codice in voce["fonti"]),
        verifica=voce["verifica"],
        nomi_fasi=MappingProxyType(dict(voce.get("nomi_fasi", {}))),
    )


def _limiti_indeterminabile(particolare_importanza: bool) -> tuple[Decimal, ...]:
    regola = _caricati().indeterminabile
    if particolare_importanza:
        return regola.fino_a + regola.particolare_importanza_fino_a
    return regola.fino_a


def _regola_variazione() -> _Variazione:
    return _caricati().variazione


def _valore_ammesso(valore: object, *, zero_ammesso: bool = False) -> None:
    # Money and case values are Decimal only; a float would hide a rounding error upstream.
    if not isinstance(valore, Decimal):
        raise TypeError(f"a value must be a Decimal, not {type(valore).__name__}")
    if not valore.is_finite() or valore < 0 or (valore == 0 and not zero_ammesso):
        raise ValueError(f"a value must be a finite, positive Decimal: {valore}")
