"""Reading what the render pool produced, and finding its worker processes."""

import contextlib
import os
import re
import zlib
from collections.abc import Callable
from pathlib import Path


def text_of(pdftotext: Callable[..., str], path: str) -> str:
    """The document's text in reading order, whitespace folded to single spaces."""
    return " ".join(pdftotext("-layout", path, "-").split())


def xmp_packets(pdf: bytes) -> list[str]:
    """Every XMP metadata packet in the PDF, found without any PDF library.

    Streams are read between ``stream`` and ``endstream`` and inflated when compressed.
    """
    packets = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        data = match.group(1)
        with contextlib.suppress(zlib.error):  # an uncompressed stream stays as it is
            data = zlib.decompress(data)
        if b"<x:xmpmeta" in data:
            packets.append(data.decode("utf-8"))
    return packets


def worker_pids(parent: int | None = None) -> set[int]:
    """The pids of the live multiprocessing children started with spawn (Linux) of ``parent``
    (this process by default)."""
    parent = os.getpid() if parent is None else parent
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # exited while we looked
        # Fields after the command name (which may hold spaces): state, ppid, ...
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == parent and state != "Z" and b"spawn_main" in command:
            pids.add(int(entry.name))
    return pids
