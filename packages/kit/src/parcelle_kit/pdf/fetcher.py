"""WeasyPrint's side of the asset policy: a URL fetcher that serves packaged assets only.

WeasyPrint 70 calls ``fetcher(url)`` (its ``urls.fetch`` helper) for every stylesheet, image,
font and attachment, expects a ``URLFetcherResponse``, and reads ``fetcher._fail_on_errors``,
hence a subclass of its ``URLFetcher`` rather than a plain function. We fail on errors: a
refused or missing asset stops the render instead of producing a legal document without its
font or letterhead.
"""

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from parcelle_kit.pdf._weasyprint import URLFetcher, URLFetcherResponse
from parcelle_kit.pdf.asset_policy import AssetPolicy
from parcelle_kit.pdf.fonts import FONT_FILES


class PackageAssetFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
    """Serves ``https://assets.parcelle.invalid/<package>/...`` and the allowed fonts; refuses
    everything else (network, ``file:``, ``data:``) with :class:`AssetRefusedError`."""

    def __init__(self, packages: Iterable[str], fonts: Mapping[str, Path] = FONT_FILES) -> None:
        # allowed_protocols is a second lock on the same door: nothing but https reaches
        # fetch(), and fetch() never opens a connection anyway.
        super().__init__(allowed_protocols=("https",), fail_on_errors=True)
        self._policy = AssetPolicy(packages, fonts)

    def fetch(self, url: str, headers: Any = None) -> Any:
        """Return the packaged asset behind ``url``; never touches the network."""
        asset = self._policy.load(url)
        content_type = asset.media_type
        if content_type == "text/css":
            # Our stylesheets are UTF-8; say so rather than let the parser guess.
            content_type += "; charset=utf-8"
        return URLFetcherResponse(
            asset.url, body=asset.data, headers={"Content-Type": content_type}
        )
