"""The timeline's words for a signature and a deposit: the signer is named only when someone
other than who acted (who acted is named once, beside the line)."""

from istanze.domain.deposito import Firma, descrizione_deposito, descrizione_firma

PADES = Firma(tipo="pades", firmatario="Giulia Bianchi", documento_sha256="ab" * 32)


def test_the_lawyers_own_signature_does_not_name_her_twice() -> None:
    assert descrizione_deposito(PADES, "Giulia Bianchi") == (
        "Istanza depositata con firma digitale PAdES (PDF firmato)"
    )
    assert descrizione_firma(PADES, "giulia bianchi") == (
        "Documento firmato e verificato: firma digitale PAdES (PDF firmato)"
    )


def test_a_signer_other_than_who_acted_is_named() -> None:
    assert descrizione_deposito(PADES, "Sara Neri") == (
        "Istanza depositata con firma digitale PAdES (PDF firmato) di Giulia Bianchi"
    )
    assert descrizione_firma(PADES) == (
        "Documento firmato e verificato: firma digitale PAdES (PDF firmato) di Giulia Bianchi"
    )
