"""The demo PKI: created once and reused, private files private, the .p12 as documented."""

import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from firma.adapters.demo_pki import FilesystemDemoPki
from parcelle_kit import demo

PASSWORD = "segreto-di-prova"


def pki(directory: Path) -> FilesystemDemoPki:
    return FilesystemDemoPki(
        directory, password=PASSWORD, avvocato=demo.AVVOCATO, ordine_nome=demo.ORDINE_NOME
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def issued_by(certificate: x509.Certificate, ca: x509.Certificate) -> bool:
    key = ca.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    hash_algorithm = certificate.signature_hash_algorithm
    assert hash_algorithm is not None
    try:
        key.verify(
            certificate.signature,
            certificate.tbs_certificate_bytes,
            padding.PKCS1v15(),
            hash_algorithm,
        )
    except Exception:
        return False
    return certificate.issuer == ca.subject


def contents(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_created_once_then_reused(tmp_path: Path) -> None:
    files = pki(tmp_path / "demo").ensure()
    first = contents(files.directory)
    assert {"ca.pem", "avvocato.p12", "ordine.p12", "private/ca-key.pem"} <= set(first)
    again = pki(tmp_path / "demo").ensure()  # a new process would build a new instance
    assert again == files
    assert contents(files.directory) == first


def test_private_files_are_private(tmp_path: Path) -> None:
    files = pki(tmp_path / "demo").ensure()
    assert mode(files.ca_key) == 0o600
    assert mode(files.ca_key.parent) == 0o700
    assert mode(files.avvocato) == 0o600
    assert mode(files.ordine) == 0o600
    assert mode(files.ca) == 0o644


def test_the_lawyers_p12_opens_with_the_password_and_names_the_demo_lawyer(
    tmp_path: Path,
) -> None:
    files = pki(tmp_path / "demo").ensure()
    key, certificate, chain = pkcs12.load_key_and_certificates(
        files.avvocato.read_bytes(), PASSWORD.encode()
    )
    assert key is not None
    assert certificate is not None
    subject = certificate.subject
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == (
        f"TINIT-{demo.AVVOCATO.codice_fiscale}"
    )
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Giulia Bianchi"
    assert subject.get_attributes_for_oid(NameOID.GIVEN_NAME)[0].value == "Giulia"
    assert subject.get_attributes_for_oid(NameOID.SURNAME)[0].value == "Bianchi"
    assert subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "IT"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.content_commitment  # non-repudiation
    assert usage.value.digital_signature
    assert not usage.value.key_cert_sign
    ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
    assert issued_by(certificate, ca)
    assert [c.subject for c in chain] == [ca.subject]
    with pytest.raises(ValueError, match="Invalid password"):
        pkcs12.load_key_and_certificates(files.avvocato.read_bytes(), b"wrong")


def test_the_ordine_p12_names_the_ordine(tmp_path: Path) -> None:
    files = pki(tmp_path / "demo").ensure()
    _, certificate, _ = pkcs12.load_key_and_certificates(
        files.ordine.read_bytes(), PASSWORD.encode()
    )
    assert certificate is not None
    name = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert name == demo.ORDINE_NOME
    assert issued_by(certificate, x509.load_pem_x509_certificate(files.ca.read_bytes()))


def test_a_missing_file_is_recreated_under_the_same_root(tmp_path: Path) -> None:
    files = pki(tmp_path / "demo").ensure()
    ca = files.ca.read_bytes()
    files.avvocato.unlink()
    pki(tmp_path / "demo").ensure()
    assert files.ca.read_bytes() == ca
    _, certificate, _ = pkcs12.load_key_and_certificates(
        files.avvocato.read_bytes(), PASSWORD.encode()
    )
    assert certificate is not None
    assert issued_by(certificate, x509.load_pem_x509_certificate(ca))


def test_a_lost_root_key_means_a_new_consistent_pki(tmp_path: Path) -> None:
    files = pki(tmp_path / "demo").ensure()
    old_ca = files.ca.read_bytes()
    files.ca_key.unlink()
    pki(tmp_path / "demo").ensure()
    ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
    assert files.ca.read_bytes() != old_ca
    for path in (files.avvocato, files.ordine):
        _, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), PASSWORD.encode())
        assert certificate is not None
        assert issued_by(certificate, ca)


def test_processes_starting_together_share_one_pki(tmp_path: Path) -> None:
    directory = tmp_path / "demo"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from firma.adapters.demo_pki import FilesystemDemoPki
        from parcelle_kit import demo
        files = FilesystemDemoPki(
            Path({str(directory)!r}), password={PASSWORD!r}, avvocato=demo.AVVOCATO,
            ordine_nome=demo.ORDINE_NOME,
        ).ensure()
        print(files.ca.read_text())
        """
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert all(process.returncode == 0 for process in processes)
    assert len(set(outputs)) == 1  # every process saw the same root
    ca = x509.load_pem_x509_certificate(outputs[0].encode())
    for path in (directory / "avvocato.p12", directory / "ordine.p12"):
        _, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), PASSWORD.encode())
        assert certificate is not None
        assert issued_by(certificate, ca)
    leftovers = [p.name for p in directory.rglob(".*") if p.name != ".pki.lock"]
    assert leftovers == []  # no temporary file left behind
