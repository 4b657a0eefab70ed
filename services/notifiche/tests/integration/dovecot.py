"""A real IMAP server for the tests: Debian's dovecot, started on 127.0.0.1 on a free port with
a configuration of the test's own (passwd-file login, maildir in a directory of the test's
own, no system service), stopped however the test ends.

As root, dovecot will not give mail to uid 0: the mailbox then belongs to ``nobody``, in a
directory that user may enter; as any other user, everything is that user's."""

import contextlib
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
UTENTE = "ordine"
PASSWORD = "parola-di-prova"


@dataclass(frozen=True)
class Dovecot:
    host: str
    porta: int
    utente: str
    password: str


def _porta_libera() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _configurazione(cartella: Path, porta: int) -> str:
    if os.geteuid() == 0:
        posta = pwd.getpwnam("nobody")
        gruppo = grp.getgrgid(posta.pw_gid).gr_name
        utenti = ""
    else:
        posta = pwd.getpwuid(os.getuid())
        gruppo = grp.getgrgid(os.getgid()).gr_name
        utenti = (
            f"default_internal_user = {posta.pw_name}\n"
            f"default_login_user = {posta.pw_name}\n"
            f"default_internal_group = {gruppo}\n"
        )
    return f"""
base_dir = {cartella}/run
state_dir = {cartella}/state
log_path = {cartella}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
{utenti}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {cartella}/passwd
}}
userdb {{
  driver = static
  args = uid={posta.pw_uid} gid={posta.pw_gid} home={cartella}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {porta}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if not Path(DOVECOT).is_file():
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd dovecot-core)")
    cartella = Path(tempfile.mkdtemp(prefix="parcelle-dovecot-"))
    cartella.chmod(0o755)
    processo = None
    try:
        porta = _porta_libera()
        (cartella / "passwd").write_text(f"{UTENTE}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
        (cartella / "home" / UTENTE).mkdir(parents=True)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(cartella / "home" / UTENTE, nobody.pw_uid, nobody.pw_gid)
        configurazione = cartella / "dovecot.conf"
        configurazione.write_text(_configurazione(cartella, porta), encoding="utf-8")
        processo = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(configurazione)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        scadenza = time.monotonic() + 15
        while True:
            if processo.poll() is not None:
                errori = processo.stderr.read() if processo.stderr else b""
                log = (
                    (cartella / "dovecot.log").read_text(errors="replace")
                    if (cartella / "dovecot.log").exists()
                    else ""
                )
                raise RuntimeError(f"dovecot did not start: {errori!r} {log}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", porta), 1) as s,
            ):
                if s.recv(100).startswith(b"* OK"):
                    break
            if time.monotonic() > scadenza:
                raise RuntimeError("dovecot did not answer within 15 s")
            time.sleep(0.1)
        yield Dovecot("127.0.0.1", porta, UTENTE, PASSWORD)
    finally:
        if processo is not None:
            processo.terminate()
            try:
                processo.wait(10)
            except subprocess.TimeoutExpired:
                processo.kill()
                processo.wait()
            if processo.stderr:
                processo.stderr.close()
        shutil.rmtree(cartella, ignore_errors=True)
