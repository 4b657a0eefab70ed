"""A complete application, as the OpenAPI document shows it and the tests and benchmarks file
it."""

from typing import Any

ESEMPIO: dict[str, Any] = {
    "cliente": {
        "tipo": "persona_fisica",
        "nome": "Mario",
        "cognome": "Rossi",
        "codice_fiscale": "RSSMRA80A01H501U",
        "indirizzo": {"via": "Via Roma 1", "cap": "00184", "comune": "Roma", "provincia": "RM"},
        "pec": "mario.rossi@pec.example.it",
    },
    "pratica": {
        "autorita": "Tribunale di Roma",
        "procedimento": "tribunale_cognizione",
        "numero_rg": "1234/2024",
        "valore": "30000.00",
        "numero_parti": 2,
        "mandato_concluso": True,
        "difesa_ufficio": False,
        "equo_compenso_art7": False,
    },
    "voci": [
        {"fase": "studio", "importo": "1701.00"},
        {"fase": "introduttiva", "importo": "1204.00"},
        {"fase": "istruttoria", "importo": "1806.00"},
        {"fase": "decisionale", "importo": "2905.00"},
    ],
    "spese": "0.00",
}
"""A complete application body (the fees of the DM 147/2022 worked example, 7,616.00): the
example of the OpenAPI document, and the sample the tests and benchmarks file."""
