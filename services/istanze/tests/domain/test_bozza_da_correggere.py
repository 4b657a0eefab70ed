"""Nothing the lawyer typed is lost: a step saved with wrong fields keeps every field, the wrong
ones as written, names every error at once, and the deposit waits until none is left."""

from dataclasses import replace

import pytest

from istanze.domain.contenuto import Cliente, ContenutoIstanza, Indirizzo, NonLetto
from istanze.domain.errori import DatiNonValidiError

from .fabbrica import CLIENTE, CONTENUTO, DOPO, PRATICA, TITOLARE, allega, bozza

SBAGLIATO = replace(
    CLIENTE,
    codice_fiscale="RSSMRA80A01H501V",  # wrong check character
    indirizzo=Indirizzo(via="Via Roma 1", cap="0018", comune="Roma", provincia="ZZ"),
    pec="mario.rossi@",
)


def test_every_wrong_field_of_a_step_is_kept_as_written_and_named_at_once() -> None:
    istanza = bozza(ContenutoIstanza())
    istanza.aggiorna(["cliente"], ContenutoIstanza(cliente=SBAGLIATO), DOPO)
    assert istanza.contenuto.cliente == SBAGLIATO  # the right fields and the wrong ones
    errori = istanza.verifica_campi()
    assert set(errori) == {
        "cliente.codice_fiscale",
        "cliente.indirizzo.cap",
        "cliente.indirizzo.provincia",
        "cliente.pec",
    }
    assert "controllo" in errori["cliente.codice_fiscale"]


def test_fields_that_could_not_be_read_are_kept_as_typed_with_their_error() -> None:
    istanza = bozza(ContenutoIstanza())
    non_letti = (
        NonLetto(percorso="pratica.numero_parti", valore="tre", errore="Indica un numero intero"),
        NonLetto(percorso="voci.riga0.importo", valore="12,3,4", errore="Importo non valido"),
        NonLetto(percorso="voci.riga0.motivazione", valore="Causa complessa"),
    )
    istanza.aggiorna(["pratica", "voci"], ContenutoIstanza(pratica=PRATICA), DOPO, non_letti)
    assert istanza.non_letti == non_letti
    assert istanza.verifica_campi() == {
        "pratica.numero_parti": "Indica un numero intero",
        "voci.riga0.importo": "Importo non valido",
    }
    # Saving the step again replaces what it kept; the other steps' stay.
    istanza.aggiorna(["voci"], CONTENUTO, DOPO)
    assert [n.percorso for n in istanza.non_letti] == ["pratica.numero_parti"]


def test_kept_fields_must_belong_to_the_parts_saved() -> None:
    istanza = bozza(ContenutoIstanza())
    fuori = NonLetto(percorso="cliente.nome", valore="x", errore="?")
    with pytest.raises(DatiNonValidiError):
        istanza.aggiorna(["pratica"], ContenutoIstanza(pratica=PRATICA), DOPO, (fuori,))
    assert istanza.non_letti == ()


def test_no_deposit_nor_document_while_anything_is_wrong() -> None:
    istanza = bozza()
    for categoria in ("parcella", "prova_invio"):
        allega(istanza, categoria)
    assert "deposita" in istanza.azioni(TITOLARE)
    istanza.aggiorna(["cliente"], ContenutoIstanza(cliente=SBAGLIATO), DOPO)
    assert "deposita" not in istanza.azioni(TITOLARE)
    with pytest.raises(DatiNonValidiError) as rifiuto:
        istanza.verifica_depositabile()
    assert set(rifiuto.value.campi) >= {"cliente.codice_fiscale", "cliente.indirizzo.cap"}
    istanza.aggiorna(["cliente"], ContenutoIstanza(cliente=CLIENTE), DOPO)
    kept = NonLetto(percorso="cliente.indirizzo.cap", valore="abc", errore="5 cifre")
    istanza.aggiorna(["cliente"], ContenutoIstanza(cliente=CLIENTE), DOPO, (kept,))
    assert "deposita" not in istanza.azioni(TITOLARE)
    istanza.aggiorna(["cliente"], ContenutoIstanza(cliente=Cliente(**vars(CLIENTE))), DOPO)
    assert "deposita" in istanza.azioni(TITOLARE)
