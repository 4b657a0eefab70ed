"""Which step fixes what: missing requirements and fields in error."""

from typing import get_args

from gateway.web.avvocato.passi import passo_del_campo, passo_del_mancante
from gateway.web.campi import etichetta, id_campo
from parcelle_contracts.vocabolario import Requisito


def test_every_requirement_an_ordine_may_set_links_to_the_step_that_fixes_it() -> None:
    assert {passo_del_mancante(requisito).slug for requisito in get_args(Requisito)} <= {
        "richiedente",
        "cliente",
        "pratica",
        "importi",
        "allegati",
    }
    assert passo_del_mancante("recapito_art7").slug == "cliente"
    assert passo_del_mancante("equo_compenso_art7").slug == "pratica"
    assert passo_del_mancante("allegato_prova_invio").slug == "allegati"


def test_fields_belong_to_their_step_and_have_labels_and_ids() -> None:
    assert passo_del_campo("cliente.indirizzo.cap").slug == "cliente"  # type: ignore[union-attr]
    assert passo_del_campo("voci.3.importo").slug == "importi"  # type: ignore[union-attr]
    assert passo_del_campo("pratica.valore").slug == "pratica"  # type: ignore[union-attr]
    assert id_campo("cliente.indirizzo.cap") == "f-cliente-indirizzo-cap"
    assert id_campo("pratica.mandato_concluso") == "f-pratica-mandato_concluso-si"
    assert etichetta("voci.3.importo", {3: "decisionale"}) == "Fase decisionale: importo"
    assert etichetta("voci.9.descrizione") == "Voce 10: descrizione"
