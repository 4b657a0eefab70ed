"""The fetcher as WeasyPrint calls it: a response for assets, a fatal error for the rest."""

import pytest

from parcelle_kit.pdf import KIT_PACKAGE, AssetRefusedError, asset_base_url
from parcelle_kit.pdf._weasyprint import FatalURLFetchingError
from parcelle_kit.pdf.fetcher import PackageAssetFetcher


def test_stylesheet_response_says_css_in_utf8() -> None:
    fetcher = PackageAssetFetcher({KIT_PACKAGE})

    response = fetcher(asset_base_url(KIT_PACKAGE) + "assets/base.css")

    assert response.content_type == "text/css"
    assert response.charset == "utf-8"
    assert b"@page" in response.read()


def test_refusal_stops_the_render_instead_of_dropping_the_resource() -> None:
    from weasyprint.urls import fetch

    fetcher = PackageAssetFetcher({KIT_PACKAGE})

    with (
        pytest.raises(FatalURLFetchingError) as raised,
        fetch(fetcher, "http://127.0.0.1:9/x.png"),
    ):
        pass
    assert isinstance(raised.value.__cause__, AssetRefusedError)
