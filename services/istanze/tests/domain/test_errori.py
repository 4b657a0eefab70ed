"""Domain errors carry what the gateway and the user need: a code, a message, the fields."""

from istanze.domain import errori


def test_every_error_has_its_stable_code() -> None:
    codici = {
        classe.__name__: classe.codice
        for classe in vars(errori).values()
        if isinstance(classe, type) and issubclass(classe, errori.DomainError)
    }
    assert codici == {
        "DomainError": "errore",
        "NonTrovataError": "non_trovata",
        "NonAutorizzataError": "non_autorizzata",
        "StatoNonValidoError": "stato_non_valido",
        "DatiNonValidiError": "dati_non_validi",
        "IncompletaError": "incompleta",
        "LimiteSuperatoError": "limite_superato",
        "FileTroppoGrandeError": "limite_superato",
        "SpazioEsauritoError": "limite_superato",
        "TroppiAllegatiError": "limite_superato",
        "TipoNonAmmessoError": "tipo_non_ammesso",
        "GiaDepositataError": "gia_depositata",
        "DocumentoNonAggiornatoError": "documento_non_aggiornato",
        "FirmaMancanteError": "firma_mancante",
        "FirmaNonValidaError": "firma_non_valida",
    }


def test_an_error_keeps_its_message_and_a_copy_of_its_fields() -> None:
    campi = {"cliente.cap": "Il CAP deve essere di 5 cifre"}
    errore = errori.DatiNonValidiError("Alcuni dati non sono validi", campi)
    campi.clear()
    assert errore.messaggio == str(errore) == "Alcuni dati non sono validi"
    assert errore.campi == {"cliente.cap": "Il CAP deve essere di 5 cifre"}
    assert errori.NonTrovataError("Istanza non trovata").campi == {}


def test_the_limits_say_which_one() -> None:
    assert errori.FileTroppoGrandeError.limite == "dimensione_file"
    assert errori.SpazioEsauritoError.limite == "dimensione_pratica"
    assert errori.TroppiAllegatiError.limite == "numero_allegati"
