"""The asset policy on its own: which URLs map to which packaged bytes."""

from pathlib import Path
from urllib.parse import urljoin

import pytest

from parcelle_kit.pdf import KIT_PACKAGE, AssetRefusedError, asset_base_url
from parcelle_kit.pdf.asset_policy import AssetPolicy
from parcelle_kit.pdf.fonts import FONT_FILES, missing_fonts

KIT = asset_base_url(KIT_PACKAGE)


def test_relative_references_join_onto_the_package_base_url() -> None:
    assert urljoin(asset_base_url("istanze"), "assets/stemma.svg") == (
        "https://assets.parcelle.invalid/istanze/assets/stemma.svg"
    )


def test_kit_stylesheet_is_served_with_its_media_type() -> None:
    asset = AssetPolicy({KIT_PACKAGE}).load(KIT + "assets/base.css")

    assert asset.media_type == "text/css"
    assert b"@page" in asset.data


@pytest.mark.skipif(bool(missing_fonts()), reason="fonts-liberation2 is not installed")
def test_allowed_font_is_read_from_its_debian_file() -> None:
    name, path = next(iter(FONT_FILES.items()))

    asset = AssetPolicy(set()).load(f"https://fonts.parcelle.invalid/{name}")

    assert asset.data == path.read_bytes()
    assert asset.media_type == "font/ttf"


def test_missing_font_file_is_refused_with_its_path(tmp_path: Path) -> None:
    policy = AssetPolicy(set(), fonts={"Assente.ttf": tmp_path / "Assente.ttf"})

    with pytest.raises(AssetRefusedError, match=r"Assente\.ttf is not installed"):
        policy.load("https://fonts.parcelle.invalid/Assente.ttf")


@pytest.mark.parametrize(
    "url",
    [
        "http://assets.parcelle.invalid/parcelle_kit.pdf/assets/base.css",
        "https://assets.parcelle.invalid:8443/parcelle_kit.pdf/assets/base.css",
        "https://user@assets.parcelle.invalid/parcelle_kit.pdf/assets/base.css",
        "https://assets.parcelle.invalid/parcelle_kit.pdf/assets/base.css?v=2",
        "https://ASSETS.parcelle.invalid/parcelle_kit.pdf/assets/base.css",
        "https://assets.parcelle.invalid.example.com/parcelle_kit.pdf/assets/base.css",
        "file:///usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "data:text/css,p{}",
        # Not under templates/ or assets/, or not an asset type.
        "https://assets.parcelle.invalid/parcelle_kit.pdf/engine.py",
        "https://assets.parcelle.invalid/parcelle_kit.pdf/templates/parcelle/base.html",
        "https://assets.parcelle.invalid/parcelle_kit.pdf/assets/",
        # Climbing out, encoded so that urljoin does not fold it first.
        "https://assets.parcelle.invalid/parcelle_kit.pdf/assets/%2e%2e/engine.py",
        "https://assets.parcelle.invalid/parcelle_kit.pdf/assets/..%2f..%2fsettings.py",
        "https://assets.parcelle.invalid/parcelle_kit.pdf/assets//base.css",
        # A package that is not allowed, even one that exists.
        "https://assets.parcelle.invalid/parcelle_kit/assets/base.css",
        "https://assets.parcelle.invalid/json/assets/x.css",
        # Fonts: only the allowlist, only by bare name.
        "https://fonts.parcelle.invalid/DejaVuSans.ttf",
        "https://fonts.parcelle.invalid/..%2f..%2f..%2fetc%2fpasswd",
        "https://fonts.parcelle.invalid/sub/LiberationSerif-Regular.ttf",
    ],
)
def test_everything_else_is_refused(url: str) -> None:
    with pytest.raises(AssetRefusedError):
        AssetPolicy({KIT_PACKAGE}).load(url)


def test_dot_dot_folded_by_urljoin_lands_outside_the_allowed_packages() -> None:
    url = urljoin(KIT + "assets/", "../../../etc/passwd")

    with pytest.raises(AssetRefusedError):
        AssetPolicy({KIT_PACKAGE}).load(url)
