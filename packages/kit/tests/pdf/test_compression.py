"""PDF streams are deflated at zlib's default level rather than pydyf's 9, and stay valid."""

import random
import zlib

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's own PDF writer, untyped

from parcelle_kit.pdf._weasyprint import STREAM_COMPRESSION_LEVEL, compress_streams_faster


def _content_stream() -> bytes:
    """Something like a page's drawing operators, where deflate levels 6 and 9 differ."""
    rnd = random.Random(7)
    operators = [b"BT", b"ET", b"Tj", b"Td", b"0 0 1 rg", b"(Parcella)", b"12.5"]
    return b" ".join(
        rnd.choice(operators) + str(rnd.randint(0, 999)).encode() for _ in range(20000)
    )


def test_pdf_streams_are_deflated_at_our_level_and_decompress_unchanged() -> None:
    data = _content_stream()

    assert compress_streams_faster()
    assert compress_streams_faster()  # a second call (a second engine) is harmless
    body = pydyf.Stream([data], compress=True).data

    deflated = body.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert b"/FlateDecode" in body
    assert zlib.decompress(deflated) == data
    assert deflated == zlib.compress(data, STREAM_COMPRESSION_LEVEL)
    assert deflated != zlib.compress(data, 9)  # what pydyf alone would have written
