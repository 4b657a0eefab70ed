"""What a deposit requires, as data: each requirement's Italian label and its check.

An Ordine's :class:`~istanze.domain.regole.RegoleOrdine` lists the requirement keys it wants;
this module knows what each key means. To require something new, add a key to
:data:`~istanze.domain.regole.Requisito`, its label and its check here; to stop requiring
something for one Ordine, leave its key out of that Ordine's rules.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Final

from istanze.domain.contenuto import (
    SENZA_AUTORITA,
    SENZA_RUOLO,
    Cliente,
    ContenutoIstanza,
    DatiPratica,
    presente,
)
from istanze.domain.persone import Avvocato
from parcelle_contracts.vocabolario import CategoriaAllegato, Requisito


@dataclass(frozen=True, kw_only=True)
class Fatti:
    """What the requirements are checked against."""

    contenuto: ContenutoIstanza
    categorie_allegati: Collection[CategoriaAllegato]
    avvocato: Avvocato


ETICHETTE: Final[Mapping[Requisito, str]] = {
    "avvocato": "codice fiscale e PEC dell'avvocato (nel profilo dell'utente)",
    "cliente": "cliente (nome e cognome, o denominazione)",
    "identificativo_cliente": "codice fiscale o partita IVA del cliente",
    "indirizzo_cliente": "indirizzo di residenza o sede del cliente",
    "recapito_art7": "residenza o PEC del cliente, necessaria per la procedura dell'art. 7 "
    "L. 49/2023",
    "autorita": "autorità giudiziaria o ufficio",
    "procedimento": "tipo di procedimento",
    "numero_rg": "numero di ruolo generale (R.G.)",
    "valore": "valore della pratica, o «valore indeterminabile»",
    "numero_parti": "numero delle parti",
    "periodo": "periodo dell'attività (dal, al)",
    "mandato_concluso": "risposta alla domanda «il mandato è concluso?»",
    "difesa_ufficio": "risposta alla domanda «difesa d'ufficio o patrocinio a spese dello Stato?»",
    "equo_compenso_art7": "risposta alla domanda «si chiede la procedura dell'art. 7 "
    "L. 49/2023 (equo compenso)?»",
    "voci": "almeno una voce di compenso",
    "allegato_parcella": "allegato: parcella (notula)",
    "allegato_prova_invio": "allegato: prova dell'invio della parcella al cliente (ricevute PEC "
    "o della raccomandata A/R)",
    "allegato_relazione": "allegato: relazione sull'attività svolta",
    "allegato_atti": "allegato: atti del procedimento",
    "allegato_procura": "allegato: procura",
}
"""How each requirement is named to the lawyer when it is missing (inside a sentence)."""


def _cliente(fatti: Fatti) -> bool:
    cliente = fatti.contenuto.cliente
    if cliente is None or cliente.tipo is None:
        return False
    if cliente.tipo == "persona_fisica":
        return presente(cliente.nome) and presente(cliente.cognome)
    return presente(cliente.denominazione)


def _identificativo(fatti: Fatti) -> bool:
    cliente = fatti.contenuto.cliente
    if cliente is None:
        return False
    if cliente.tipo == "persona_fisica":
        return presente(cliente.codice_fiscale)
    return presente(cliente.codice_fiscale) or presente(cliente.partita_iva)


def _indirizzo_completo(cliente: Cliente | None) -> bool:
    if cliente is None or cliente.indirizzo is None:
        return False
    indirizzo = cliente.indirizzo
    if not (presente(indirizzo.via) and presente(indirizzo.comune)):
        return False
    if indirizzo.nazione.strip().upper() != "IT":
        return True
    return presente(indirizzo.cap) and presente(indirizzo.provincia)


def _recapito_art7(fatti: Fatti) -> bool:
    pratica = fatti.contenuto.pratica
    if pratica is None or pratica.equo_compenso_art7 is not True:
        return True
    cliente = fatti.contenuto.cliente
    return _indirizzo_completo(cliente) or (cliente is not None and presente(cliente.pec))


def _sulla_pratica(verifica: Callable[[DatiPratica], bool]) -> Callable[[Fatti], bool]:
    def sulla_pratica(fatti: Fatti) -> bool:
        pratica = fatti.contenuto.pratica
        return pratica is not None and verifica(pratica)

    return sulla_pratica


def _numero_rg(fatti: Fatti) -> bool:
    pratica = fatti.contenuto.pratica
    if pratica is None or pratica.procedimento is None or pratica.procedimento in SENZA_RUOLO:
        return True  # without a proceeding we cannot tell yet; "procedimento" is listed
    return presente(pratica.numero_rg)


def _allegato(categoria: CategoriaAllegato) -> Callable[[Fatti], bool]:
    def allegato(fatti: Fatti) -> bool:
        return categoria in fatti.categorie_allegati

    return allegato


VERIFICHE: Final[Mapping[Requisito, Callable[[Fatti], bool]]] = {
    "avvocato": lambda fatti: (
        presente(fatti.avvocato.codice_fiscale) and presente(fatti.avvocato.pec)
    ),
    "cliente": _cliente,
    "identificativo_cliente": _identificativo,
    "indirizzo_cliente": lambda fatti: _indirizzo_completo(fatti.contenuto.cliente),
    "recapito_art7": _recapito_art7,
    "autorita": _sulla_pratica(lambda p: presente(p.autorita) or p.procedimento in SENZA_AUTORITA),
    "procedimento": _sulla_pratica(lambda p: p.procedimento is not None),
    "numero_rg": _numero_rg,
    "valore": _sulla_pratica(lambda p: p.valore is not None or p.valore_indeterminabile),
    "numero_parti": _sulla_pratica(lambda p: p.numero_parti is not None),
    "periodo": _sulla_pratica(lambda p: p.periodo_dal is not None and p.periodo_al is not None),
    "mandato_concluso": _sulla_pratica(lambda p: p.mandato_concluso is not None),
    "difesa_ufficio": _sulla_pratica(lambda p: p.difesa_ufficio is not None),
    "equo_compenso_art7": _sulla_pratica(lambda p: p.equo_compenso_art7 is not None),
    "voci": lambda fatti: bool(fatti.contenuto.voci),
    "allegato_parcella": _allegato("parcella"),
    "allegato_prova_invio": _allegato("prova_invio"),
    "allegato_relazione": _allegato("relazione"),
    "allegato_atti": _allegato("atti"),
    "allegato_procura": _allegato("procura"),
}
"""Whether each requirement is met."""


def non_soddisfatti(fatti: Fatti, requisiti: Collection[Requisito]) -> list[Requisito]:
    """The ``requisiti`` that ``fatti`` do not meet, in the order given."""
    return [chiave for chiave in requisiti if not VERIFICHE[chiave](fatti)]
