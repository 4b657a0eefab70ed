"""The liquidation order (or the refusal) as a PDF/A.

:func:`contesto_provvedimento` turns the decided review, the application as decided and the
Ordine's settings into the template's plain context; it does no I/O, so it is tested without a
renderer. :class:`DocumentiRevisione` hands it to the service's ``PdfRenderer``."""

from typing import Any, Final

from parcelle_contracts.istanze import Cliente, Istanza
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.vocabolario import FASI, NON_INDICATO, PROCEDIMENTI
from parcelle_kit.pdf import PdfRenderer
from revisione.domain.decisione import euro
from revisione.domain.revisione import Revisione

PACKAGE: Final = "revisione"
TEMPLATE: Final = "revisione/provvedimento.html"
ESITI: Final = {"confermata": "Confermata", "aumentata": "Aumentata", "ridotta": "Ridotta"}


def nominativo(cliente: Cliente | None) -> str:
    if cliente is None:
        return NON_INDICATO
    if cliente.denominazione:
        return cliente.denominazione
    nome = " ".join(p for p in (cliente.nome, cliente.cognome) if p)
    return nome or NON_INDICATO


def contesto_provvedimento(
    revisione: Revisione, istanza: Istanza, impostazioni: ImpostazioniOrdine
) -> dict[str, Any]:
    decisione = revisione.decisione
    if decisione is None:
        raise ValueError("an order needs a decision")
    dati = istanza.contenuto.pratica
    liquidata = decisione.esito == "liquidata"
    valore = NON_INDICATO
    if dati is not None and dati.valore_indeterminabile:
        valore = "indeterminabile"
    elif dati is not None and dati.valore is not None:
        valore = f"€ {euro(dati.valore)}"
    return {
        "titolo": "Provvedimento di liquidazione"
        if liquidata
        else "Decisione di non liquidabilità",
        "liquidata": liquidata,
        "ordine": {
            "nome": impostazioni.nome_esteso(),
            "indirizzo": impostazioni.indirizzo,
            "pec": impostazioni.pec,
        },
        "protocollo": revisione.protocollo or NON_INDICATO,
        "codice": istanza.codice,
        "avvocato": " ".join(p for p in (istanza.avvocato.nome, istanza.avvocato.cognome) if p)
        or istanza.avvocato.username,
        "cliente": nominativo(istanza.contenuto.cliente),
        "autorita": (dati.autorita if dati else None) or NON_INDICATO,
        "procedimento": PROCEDIMENTI[dati.procedimento]
        if dati is not None and dati.procedimento
        else NON_INDICATO,
        "numero_rg": dati.numero_rg if dati else None,
        "valore": valore,
        "voci": [
            {
                "nome": voce.descrizione
                if voce.fase == "altro" and voce.descrizione
                else FASI[voce.fase],
                "richiesto": voce.importo_richiesto,
                "liquidato": voce.importo_liquidato,
                "esito": ESITI[voce.variazione],
                "motivazione": voce.motivazione,
            }
            for voce in decisione.voci
        ],
        "totali": decisione.totali,
        "motivi": decisione.motivi,
        "note": decisione.note,
        "diritti": decisione.diritti,
        "relatore": decisione.relatore_nome,
        "decisa_il": decisione.decisa_il,
    }


class DocumentiRevisione:
    """Renders the order with the service's PDF renderer, which must serve :data:`PACKAGE`."""

    def __init__(self, renderer: PdfRenderer) -> None:
        self._renderer = renderer

    async def provvedimento(
        self, revisione: Revisione, istanza: Istanza, impostazioni: ImpostazioniOrdine
    ) -> bytes:
        contesto = contesto_provvedimento(revisione, istanza, impostazioni)
        self._renderer.start_soon()
        return await self._renderer.render(PACKAGE, TEMPLATE, contesto)
