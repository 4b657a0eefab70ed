"""Which PAdES level applies: asked for, or the strongest that needs nothing more."""

import pytest

from firma.domain.errors import RichiestaRifiutata
from firma.domain.firma import livello_applicato


def test_without_a_level_asked_for_the_default_follows_the_timestamp_authority() -> None:
    assert livello_applicato(None, marca_temporale=False) == "pades-b-b"
    assert livello_applicato(None, marca_temporale=True) == "pades-b-t"


@pytest.mark.parametrize("livello", ["pades-b-b", "pades-b-t", "pades-b-lt", "pades-b-lta"])
def test_a_level_asked_for_is_applied_when_possible(livello: str) -> None:
    assert livello_applicato(livello, marca_temporale=True) == livello  # type: ignore[arg-type]


@pytest.mark.parametrize("livello", ["pades-b-t", "pades-b-lt", "pades-b-lta"])
def test_a_timestamped_level_needs_a_timestamp_authority(livello: str) -> None:
    with pytest.raises(RichiestaRifiutata) as refused:
        livello_applicato(livello, marca_temporale=False)  # type: ignore[arg-type]
    assert refused.value.codice == "livello_non_disponibile"
    assert "livello" in refused.value.campi


def test_b_b_needs_nothing() -> None:
    assert livello_applicato("pades-b-b", marca_temporale=False) == "pades-b-b"
