"""Each shipped table against every source it cites, transcribed here again in the source's own
layout (phase rows or bracket rows): a typing slip in the data file shows up as a difference."""

from decimal import Decimal

import pytest

from parcelle_compensi import Tabella, tabelle

FASI = ("studio", "introduttiva", "istruttoria", "decisionale")


def _per_fase(tabella: Tabella) -> dict[str, list[Decimal]]:
    return {fase: [s.medi[fase] for s in tabella.scaglioni] for fase in tabella.fasi}


def _per_scaglione(tabella: Tabella) -> list[list[Decimal]]:
    return [[s.medi[fase] for fase in tabella.fasi] for s in tabella.scaglioni]


def _decimali(righe: list[list[int]] | list[list[str]]) -> list[list[Decimal]]:
    return [[Decimal(str(v)) for v in riga] for riga in righe]


# KevinMulone/themis-webapp src/lib/parametriForensi.ts: valori[fase][scaglione].
THEMIS = {
    "giudice_di_pace": [[68, 236, 425], [68, 252, 352], [68, 352, 567], [142, 425, 746]],
    "tribunale": [
        [131, 425, 919, 1701, 2552, 3544],
        [131, 425, 777, 1204, 1628, 2338],
        [200, 851, 1680, 1806, 5670, 10411],
        [200, 851, 1701, 2905, 4253, 6164],
    ],
    "lavoro": [
        [210, 888, 1822, 3245, 4763, 6668],
        [126, 425, 777, 1202, 1701, 2336],
        [126, 567, 1172, 1880, 2678, 3623],
        [179, 746, 1617, 2930, 4253, 6290],
    ],
    "previdenza": [
        [131, 425, 929, 1701, 2552, 3544],
        [121, 425, 777, 1204, 1701, 2336],
        [179, 851, 1664, 2693, 3827, 5171],
        [247, 919, 2021, 3675, 4148, 7865],
    ],
}

# Lexumita/lexumita src/lib/parametriForensi/tabelle.js: scaglione -> fasi.
LEXUMITA = {
    "giudice_di_pace": [[68, 68, 68, 142], [236, 252, 352, 425], [425, 352, 567, 746]],
    "tribunale": [
        [131, 131, 200, 200],
        [425, 425, 851, 851],
        [919, 777, 1680, 1701],
        [1701, 1204, 1806, 2905],
        [2552, 1628, 5670, 4253],
        [3544, 2338, 10411, 6164],
    ],
    "lavoro": [
        [210, 126, 126, 179],
        [888, 425, 567, 746],
        [1822, 777, 1172, 1617],
        [3245, 1202, 1880, 2930],
        [4763, 1701, 2678, 4253],
        [6668, 2336, 3623, 6290],
    ],
    "corte_appello": [
        [142, 142, 179, 210],
        [536, 536, 992, 851],
        [1134, 921, 1843, 1911],
        [2058, 1418, 3045, 3470],
        [2977, 1911, 4326, 5103],
        [4389, 2552, 5880, 7298],
    ],
    "cassazione": [
        [252, 284, 142],
        [709, 777, 389],
        [1276, 1134, 672],
        [2336, 1969, 1208],
        [3402, 2478, 1775],
        [4961, 3260, 2552],
    ],
}

# calcagnocarloalberto1-star/calcolomediazione shared/costi-procedura.ts: PARAMETRI_FORENSI_*,
# one object per bracket with the phases by name.
_APPELLO = [
    {"studio": 142, "introduttiva": 142, "istruttoria": 179, "decisionale": 210},
    {"studio": 536, "introduttiva": 536, "istruttoria": 992, "decisionale": 851},
    {"studio": 1134, "introduttiva": 921, "istruttoria": 1843, "decisionale": 1911},
    {"studio": 2058, "introduttiva": 1418, "istruttoria": 3045, "decisionale": 3470},
    {"studio": 2977, "introduttiva": 1911, "istruttoria": 4326, "decisionale": 5103},
    {"studio": 4389, "introduttiva": 2552, "istruttoria": 5880, "decisionale": 7298},
]
_CASSAZIONE = [
    {"studio": 252, "introduttiva": 284, "decisionale": 142},
    {"studio": 709, "introduttiva": 777, "decisionale": 389},
    {"studio": 1276, "introduttiva": 1134, "decisionale": 672},
    {"studio": 2336, "introduttiva": 1969, "decisionale": 1208},
    {"studio": 3402, "introduttiva": 2478, "decisionale": 1775},
    {"studio": 4961, "introduttiva": 3260, "decisionale": 2552},
]
CALCOLOMEDIAZIONE = {"corte_appello": _APPELLO, "cassazione": _CASSAZIONE}

# Foroeuropeo, one page per table: "parametro", "minimo", "massimo" rows, as printed.
FOROEUROPEO = {
    "tribunale": [
        (["131,00", "131,00", "200,00", "200,00"], ["65,50", "65,50", "100,00", "100,00"]),
        (["425,00", "425,00", "851,00", "851,00"], ["212,50", "212,50", "425,50", "425,50"]),
        (["919,00", "777,00", "1.680,00", "1.701,00"], ["459,50", "388,50", "840,00", "850,50"]),
        (
            ["1.701,00", "1.204,00", "1.806,00", "2.905,00"],
            ["850,50", "602,00", "903,00", "1.452,50"],
        ),
        (
            ["2.552,00", "1.628,00", "5.670,00", "4.253,00"],
            ["1.276,00", "814,00", "2.835,00", "2.126,50"],
        ),
        (
            ["3.544,00", "2.338,00", "10.411,00", "6.164,00"],
            ["1.772,00", "1.169,00", "5.205,50", "3.082,00"],
        ),
    ],
    "previdenza": [
        (["131,00", "121,00", "179,00", "247,00"], ["65,50", "60,50", "89,50", "123,50"]),
        (["425,00", "425,00", "851,00", "919,00"], ["212,50", "212,50", "425,50", "459,50"]),
        (["929,00", "777,00", "1.664,00", "2.021,00"], ["464,50", "388,50", "832,00", "1.010,50"]),
        (
            ["1.701,00", "1.204,00", "2.693,00", "3.675,00"],
            ["850,50", "602,00", "1.346,50", "1.837,50"],
        ),
        (
            ["2.552,00", "1.701,00", "3.827,00", "4.148,00"],
            ["1.276,00", "850,50", "1.913,50", "2.074,00"],
        ),
        (
            ["3.544,00", "2.336,00", "5.171,00", "7.865,00"],
            ["1.772,00", "1.168,00", "2.585,50", "3.932,50"],
        ),
    ],
}

FONTI_TRASCRITTE = {
    "themis",
    "lexumita",
    "calcolomediazione",
    "foroeuropeo_tab2",
    "foroeuropeo_tab4",
}


def _euro(testo: str) -> Decimal:
    return Decimal(testo.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("codice", sorted(THEMIS))
def test_matches_themis_webapp(codice: str) -> None:
    assert _per_fase(tabelle()[codice]) == dict(zip(FASI, _decimali(THEMIS[codice]), strict=True))


@pytest.mark.parametrize("codice", sorted(LEXUMITA))
def test_matches_lexumita(codice: str) -> None:
    assert _per_scaglione(tabelle()[codice]) == _decimali(LEXUMITA[codice])


@pytest.mark.parametrize("codice", sorted(CALCOLOMEDIAZIONE))
def test_matches_calcolomediazione(codice: str) -> None:
    tabella = tabelle()[codice]
    attesi = [
        {fase: Decimal(valore) for fase, valore in riga.items()}
        for riga in CALCOLOMEDIAZIONE[codice]
    ]
    assert [dict(s.medi) for s in tabella.scaglioni] == attesi


@pytest.mark.parametrize("codice", sorted(FOROEUROPEO))
def test_matches_foroeuropeo_medium_and_minimum(codice: str) -> None:
    tabella = tabelle()[codice]
    for scaglione, (medi, minimi) in zip(tabella.scaglioni, FOROEUROPEO[codice], strict=True):
        for fase, medio, minimo in zip(FASI, medi, minimi, strict=True):
            p = scaglione.parametri(fase)
            assert p is not None
            assert (p.medio, p.minimo) == (_euro(medio), _euro(minimo))


def test_every_cited_transcription_is_checked_here() -> None:
    for tabella in tabelle().values():
        citate = {f.codice for f in tabella.fonti} & FONTI_TRASCRITTE
        controllate = {
            nome
            for nome, fonte in (
                ("themis", THEMIS),
                ("lexumita", LEXUMITA),
                ("calcolomediazione", CALCOLOMEDIAZIONE),
            )
            if tabella.codice in fonte
        }
        if tabella.codice in FOROEUROPEO:
            controllate |= {"foroeuropeo_tab2", "foroeuropeo_tab4"} & citate
        assert citate == controllate, tabella.codice
