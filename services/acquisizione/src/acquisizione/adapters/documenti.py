"""The notice of start of proceedings as a PDF (L. 241/1990 artt. 7-8).

:func:`contesto_avvio` turns the case, the application's details (from ``istanze``) and the
Ordine's settings into the template's plain context (strings, dates, ``Decimal`` amounts); it
does no I/O, so it is tested without a renderer. :class:`DocumentiAcquisizione` hands the
context to the service's ``PdfRenderer`` (started with the service) and returns the bytes.

What art. 8 asks the notice to say, and where it says it: the administration (the Council of
the Ordine), the object, the person responsible for the procedure (the relatore), the date by
which it must end and the remedies against inaction, the date the application was filed, the
office where the file can be seen; and, art. 10, the right to submit written observations and
documents, here within the Ordine's window and to its PEC or address.
"""

from datetime import datetime
from typing import Any, Final

from acquisizione.domain import termini
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.pratica import Pratica
from acquisizione.views import nominativo, righe_indirizzo
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.vocabolario import TIPI_COMUNICAZIONE
from parcelle_kit.pdf import PdfRenderer

PACKAGE: Final = "acquisizione"
"""The package whose ``templates/`` the renderer must serve: ``PdfRenderer([PACKAGE])``."""
TEMPLATE_AVVIO: Final = "acquisizione/avvio.html"


def contesto_avvio(
    pratica: Pratica,
    istanza: Istanza,
    impostazioni: ImpostazioniOrdine,
    *,
    generato_il: datetime,
) -> dict[str, Any]:
    """The context of ``avvio.html`` for an acquired case with its relatore."""
    registrazione = pratica.registrazione
    relatore = pratica.relatore
    if registrazione is None or relatore is None:
        raise ValueError("the notice needs an acquired case with its relatore")
    if generato_il.utcoffset() is None:
        raise ValueError("generato_il must carry a timezone")
    cliente = istanza.contenuto.cliente
    dati = istanza.contenuto.pratica
    totali = istanza.totali
    avvocato = pratica.avvocato.nome_completo()
    nome_cliente = nominativo(cliente) if cliente is not None else None
    oggetto = f"Richiesta di parere di congruità sulla parcella dell'avv. {avvocato}"
    if nome_cliente:
        oggetto += f" per l'attività professionale svolta in favore di {nome_cliente}"
    attivita = []
    if dati is not None and dati.autorita:
        attivita.append(f"davanti a: {dati.autorita}")
    if dati is not None and dati.numero_rg:
        attivita.append(f"R.G. n. {dati.numero_rg}")
    return {
        "titolo": TIPI_COMUNICAZIONE["avvio_procedimento"],
        "ordine": {
            "nome": impostazioni.nome,
            "indirizzo": impostazioni.indirizzo,
            "pec": impostazioni.pec,
        },
        "protocollo": registrazione.protocollo,
        "acquisita_il": registrazione.acquisita_il,
        "codice": pratica.codice,
        "depositata_il": pratica.depositata_il,
        "cliente": None
        if cliente is None
        else {
            "nominativo": nome_cliente,
            "indirizzo": ", ".join(righe_indirizzo(cliente.indirizzo)),
            "pec": cliente.pec or "",
        },
        "avvocato": {"nominativo": avvocato, "pec": istanza.avvocato.pec or ""},
        "oggetto": oggetto,
        "attivita": ", ".join(attivita),
        "compenso": totali.compenso if totali is not None else pratica.importo_richiesto,
        "totale": totali.totale if totali is not None else None,
        "relatore": relatore.nome,
        "termine_giorni": registrazione.termine_giorni,
        "scadenza": pratica.scadenza(termini.giorno(generato_il)),
        "giorni_osservazioni": registrazione.giorni_osservazioni,
        "equo_compenso": dati is not None and dati.equo_compenso_art7 is True,
        "generato_il": generato_il,
    }


class DocumentiAcquisizione:
    """Renders the notice with the service's PDF renderer, which must serve :data:`PACKAGE`.

    The renderer is started by the first notice (``start_soon`` is idempotent; the render
    waits for the warm-up), and closed by the composition root at shutdown.
    """

    def __init__(self, renderer: PdfRenderer) -> None:
        self._renderer = renderer

    async def avvio(
        self,
        pratica: Pratica,
        istanza: Istanza,
        impostazioni: ImpostazioniOrdine,
        *,
        generato_il: datetime,
    ) -> bytes:
        contesto = contesto_avvio(pratica, istanza, impostazioni, generato_il=generato_il)
        self._renderer.start_soon()
        return await self._renderer.render(PACKAGE, TEMPLATE_AVVIO, contesto)
