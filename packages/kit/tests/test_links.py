"""Signed download links: what a token grants, its expiry, and any change to it refused."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_contracts.common import BlobRef, FileRef
from parcelle_kit.links import (
    Collegamento,
    LinkNonValidoError,
    LinkScadutoError,
    firma_link,
    link_key,
    verifica_link,
)

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CHIAVE = link_key("k" * 40)
DOCUMENTO = FileRef(
    blob=BlobRef(area="revisione", key="provvedimenti/i1.pdf", sha256="a" * 64, size=1234),
    nome_file="provvedimento.pdf",
    content_type="application/pdf",
)
COLLEGAMENTO = Collegamento(DOCUMENTO, "i1", "ROMA", ORA + timedelta(days=30))


def test_a_token_grants_its_document_until_it_expires() -> None:
    token = firma_link(CHIAVE, COLLEGAMENTO)
    assert verifica_link(CHIAVE, token, ORA) == COLLEGAMENTO
    assert verifica_link(CHIAVE, token, COLLEGAMENTO.scade_il - timedelta(seconds=1))
    with pytest.raises(LinkScadutoError):
        verifica_link(CHIAVE, token, COLLEGAMENTO.scade_il)


def test_a_token_signed_with_another_key_is_refused() -> None:
    token = firma_link(link_key("altra" * 10), COLLEGAMENTO)
    with pytest.raises(LinkNonValidoError):
        verifica_link(CHIAVE, token, ORA)


def test_a_longer_life_cannot_be_written_into_a_token() -> None:
    lungo = firma_link(link_key("altra" * 10), Collegamento(DOCUMENTO, "i1", "ROMA", ORA))
    breve = firma_link(CHIAVE, COLLEGAMENTO)
    ibrido = lungo.split(".")[0] + "." + breve.split(".")[1]
    with pytest.raises(LinkNonValidoError):
        verifica_link(CHIAVE, ibrido, ORA)


@given(posizione=st.integers(min_value=0), carattere=st.sampled_from("AbZ09-_.=é"))
def test_any_change_to_a_token_is_refused(posizione: int, carattere: str) -> None:
    token = firma_link(CHIAVE, COLLEGAMENTO)
    i = posizione % len(token)
    alterato = token[:i] + carattere + token[i + 1 :]
    if alterato == token:
        return
    with pytest.raises(LinkNonValidoError):
        verifica_link(CHIAVE, alterato, ORA)


@pytest.mark.parametrize("token", ["", ".", "abc", "abc.", ".abc", "a.b.c", "€.€"])
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(LinkNonValidoError):
        verifica_link(CHIAVE, token, ORA)


def test_an_empty_secret_signs_nothing() -> None:
    with pytest.raises(ValueError, match="empty secret"):
        link_key("")
