"""Running the installed ``parcelle`` console script as an operator does, on a var dir of the
test's own and none of the caller's ``PARCELLE_*`` settings; free ports for what it starts."""

import os
import socket
import subprocess
import sys
from pathlib import Path

PARCELLE = str(Path(sys.executable).with_name("parcelle"))


def parcelle(var_dir: Path, *argomenti: str) -> subprocess.CompletedProcess[str]:
    """``parcelle <argomenti>``: its exit status, standard output and standard error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARCELLE_")}
    env["PARCELLE_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [PARCELLE, *argomenti], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def free_port() -> int:
    """A TCP port nobody listens on at this moment, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
