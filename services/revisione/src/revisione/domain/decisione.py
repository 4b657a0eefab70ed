"""The relatore's decision on the requested items: each confirmed, raised or reduced (a change
only with a reason), the totals computed again with the fee arithmetic of
:mod:`parcelle_compensi` (Decimal, rounded to the cent at each step), a warning for every amount
outside the DM 147/2022 range, and the council's fee by the Ordine's rule.

A decision names each requested item once, by its ``id`` or by its ``fase`` where that phase
appears once in the application."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from parcelle_compensi import Parametri, Totali, arrotonda, calcola_totali, entro_limiti
from parcelle_contracts.vocabolario import FASI, Fase
from revisione.domain.diritti import RegoleDiritti, calcola_diritti
from revisione.domain.errori import DatiNonValidiError

EsitoDecisione = Literal["liquidata", "non_liquidabile"]
Variazione = Literal["confermata", "aumentata", "ridotta"]


@dataclass(frozen=True)
class VoceRichiesta:
    """A requested item with its DM 147/2022 range (None where no verified table applies)."""

    id: str
    fase: Fase
    importo: Decimal
    descrizione: str | None = None
    motivazione: str | None = None
    parametri: Parametri | None = None

    @property
    def fuori_parametri(self) -> bool:
        return fuori_parametri(self.importo, self.parametri)


@dataclass(frozen=True)
class VoceDecisa:
    """What the relatore decided on one item, as the decision names it."""

    importo_liquidato: Decimal
    id: str | None = None
    fase: Fase | None = None
    motivazione: str | None = None


@dataclass(frozen=True)
class VoceLiquidata:
    id: str
    fase: Fase
    importo_richiesto: Decimal
    importo_liquidato: Decimal
    variazione: Variazione
    descrizione: str | None = None
    motivazione: str | None = None
    fuori_parametri: bool = False


@dataclass(frozen=True)
class Decisione:
    esito: EsitoDecisione
    voci: tuple[VoceLiquidata, ...]
    totali: Totali | None
    diritti: Decimal
    relatore: str
    relatore_nome: str
    decisa_il: datetime
    motivi: str | None = None
    note: str | None = None
    avvisi: tuple[str, ...] = ()


@dataclass(frozen=True)
class Richiesta:
    """What the application asks and what the fee rule needs to know of it."""

    voci: tuple[VoceRichiesta, ...]
    spese: Decimal = Decimal("0.00")
    spese_generali_percentuale: Decimal = Decimal("15")
    difesa_ufficio: bool = False


def fuori_parametri(importo: Decimal, parametri: Parametri | None) -> bool:
    return parametri is not None and not entro_limiti(importo, parametri)


def euro(importo: Decimal) -> str:
    """``1234.5`` as an Italian amount, ``1.234,50``."""
    testo = f"{arrotonda(importo):,.2f}"
    return testo.replace(",", "_").replace(".", ",").replace("_", ".")


def _nome(fase: Fase, descrizione: str | None) -> str:
    return descrizione if fase == "altro" and descrizione else FASI[fase]


def liquida(
    richiesta: Richiesta,
    decise: Sequence[VoceDecisa],
    *,
    esito: EsitoDecisione,
    regole: RegoleDiritti,
    relatore: str,
    relatore_nome: str,
    ora: datetime,
    motivi: str | None = None,
    note: str | None = None,
) -> Decisione:
    """The decision on ``richiesta``; :class:`DatiNonValidiError` naming each wrong field."""
    if esito == "non_liquidabile":
        if not (motivi and motivi.strip()):
            raise DatiNonValidiError(
                "Indica i motivi per cui il compenso non è liquidabile",
                {"motivi": "Obbligatorio per una pratica non liquidabile"},
            )
        return Decisione(
            esito=esito,
            voci=(),
            totali=None,
            diritti=calcola_diritti(regole, Decimal("0.00")),
            relatore=relatore,
            relatore_nome=relatore_nome,
            decisa_il=ora,
            motivi=motivi.strip(),
            note=note,
        )
    voci = _abbina(richiesta.voci, decise)
    totali = calcola_totali(
        [voce.importo_liquidato for voce in voci],
        spese=richiesta.spese,
        spese_generali_percentuale=richiesta.spese_generali_percentuale,
    )
    parametri = {voce.id: voce.parametri for voce in richiesta.voci}
    avvisi = tuple(
        f"{_nome(voce.fase, voce.descrizione)}: importo liquidato "
        f"{euro(voce.importo_liquidato)} fuori dai parametri "
        f"(da {euro(p.minimo)} a {euro(p.massimo)})"
        for voce in voci
        if voce.fuori_parametri and (p := parametri[voce.id]) is not None
    )
    return Decisione(
        esito=esito,
        voci=voci,
        totali=totali,
        diritti=calcola_diritti(regole, totali.compenso, difesa_ufficio=richiesta.difesa_ufficio),
        relatore=relatore,
        relatore_nome=relatore_nome,
        decisa_il=ora,
        motivi=motivi,
        note=note,
        avvisi=avvisi,
    )


def _abbina(
    richieste: Sequence[VoceRichiesta], decise: Sequence[VoceDecisa]
) -> tuple[VoceLiquidata, ...]:
    """Each requested item with what was decided on it, in the application's order."""
    per_id = {voce.id: voce for voce in richieste}
    per_fase: dict[str, list[VoceRichiesta]] = {}
    for voce in richieste:
        per_fase.setdefault(voce.fase, []).append(voce)
    campi: dict[str, str] = {}
    scelte: dict[str, VoceDecisa] = {}
    for n, decisa in enumerate(decise):
        percorso = f"voci.{n}"
        trovata: VoceRichiesta | None = None
        if decisa.id is not None:
            trovata = per_id.get(decisa.id)
            if trovata is None:
                campi[f"{percorso}.id"] = f"Nessuna voce richiesta ha id «{decisa.id}»"
                continue
            if decisa.fase is not None and decisa.fase != trovata.fase:
                campi[f"{percorso}.fase"] = "La fase non è quella della voce indicata"
                continue
        elif decisa.fase is not None:
            candidate = per_fase.get(decisa.fase, [])
            if len(candidate) != 1:
                campi[f"{percorso}.fase"] = (
                    "Nessuna voce richiesta per questa fase"
                    if not candidate
                    else "La fase compare più volte: indica la voce con il suo id"
                )
                continue
            trovata = candidate[0]
        else:
            campi[percorso] = "Indica la voce con il suo id o con la fase"
            continue
        voce = trovata
        if voce.id in scelte:
            campi[percorso] = f"La voce «{voce.id}» è indicata più volte"
            continue
        scelte[voce.id] = decisa
        if decisa.importo_liquidato != voce.importo and not (
            decisa.motivazione and decisa.motivazione.strip()
        ):
            campi[f"{percorso}.motivazione"] = (
                "Motivare l'aumento o la riduzione dell'importo richiesto"
            )
    for richiesta in richieste:
        if richiesta.id not in scelte and not any(k.startswith("voci.") for k in campi):
            campi[f"voci[{richiesta.id}]"] = f"Manca la decisione sulla voce «{richiesta.id}»"
    if campi:
        raise DatiNonValidiError("La decisione non è completa o non è corretta", campi)
    return tuple(_liquidata(voce, scelte[voce.id]) for voce in richieste)


def _liquidata(voce: VoceRichiesta, decisa: VoceDecisa) -> VoceLiquidata:
    liquidato = arrotonda(decisa.importo_liquidato)
    variazione: Variazione = (
        "confermata"
        if liquidato == voce.importo
        else ("aumentata" if liquidato > voce.importo else "ridotta")
    )
    motivazione = decisa.motivazione.strip() if decisa.motivazione else None
    return VoceLiquidata(
        id=voce.id,
        fase=voce.fase,
        descrizione=voce.descrizione,
        importo_richiesto=voce.importo,
        importo_liquidato=liquidato,
        variazione=variazione,
        motivazione=motivazione or None,
        fuori_parametri=fuori_parametri(liquidato, voce.parametri),
    )
