"""Which step fixes what: missing items (the service's sentences) and fields in error."""

import pytest

from gateway.web.avvocato.passi import passo_del_campo, passo_del_mancante
from gateway.web.campi import etichetta, id_campo

# The labels the istanze service lists in ``mancanti`` (istanze.domain.requisiti).
MANCANTI = {
    "codice fiscale e PEC dell'avvocato (nel profilo dell'utente)": "richiedente",
    "cliente (nome e cognome, o denominazione)": "cliente",
    "codice fiscale o partita IVA del cliente": "cliente",
    "indirizzo di residenza o sede del cliente": "cliente",
    "residenza o PEC del cliente, necessaria per la procedura dell'art. 7 L. 49/2023": "cliente",
    "autorità giudiziaria o ufficio": "pratica",
    "tipo di procedimento": "pratica",
    "numero di ruolo generale (R.G.)": "pratica",
    "valore della pratica, o «valore indeterminabile»": "pratica",
    "numero delle parti": "pratica",
    "periodo dell'attività (dal, al)": "pratica",
    "risposta alla domanda «il mandato è concluso?»": "pratica",
    "risposta alla domanda «difesa d'ufficio o patrocinio a spese dello Stato?»": "pratica",
    "risposta alla domanda «si chiede la procedura dell'art. 7 L. 49/2023 (equo compenso)?»": (
        "pratica"
    ),
    "almeno una voce di compenso": "importi",
    "allegato: parcella (notula)": "allegati",
    "allegato: prova dell'invio della parcella al cliente (ricevute PEC o della raccomandata "
    "A/R)": "allegati",
    "allegato: procura": "allegati",
}


@pytest.mark.parametrize(("testo", "slug"), MANCANTI.items())
def test_each_missing_item_links_to_the_step_that_fixes_it(testo: str, slug: str) -> None:
    passo = passo_del_mancante(testo)
    assert passo is not None
    assert passo.slug == slug


def test_fields_belong_to_their_step_and_have_labels_and_ids() -> None:
    assert passo_del_campo("cliente.indirizzo.cap").slug == "cliente"  # type: ignore[union-attr]
    assert passo_del_campo("voci.3.importo").slug == "importi"  # type: ignore[union-attr]
    assert passo_del_campo("pratica.valore").slug == "pratica"  # type: ignore[union-attr]
    assert id_campo("cliente.indirizzo.cap") == "f-cliente-indirizzo-cap"
    assert id_campo("pratica.mandato_concluso") == "f-pratica-mandato_concluso-si"
    assert etichetta("voci.3.importo", {3: "decisionale"}) == "Fase decisionale: importo"
    assert etichetta("voci.9.descrizione") == "Voce 10: descrizione"
