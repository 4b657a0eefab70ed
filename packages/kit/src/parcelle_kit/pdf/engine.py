"""Turns a template and its context into PDF bytes, inside one worker process.

One ``Engine`` lives in each worker for the worker's whole life, and keeps what is costly to
build and safe to reuse between documents: the font configuration with the @font-face fonts
already loaded (reusing it also keeps Pango's font and shaping caches warm), the kit's
stylesheets and each package's ``assets/documents.css`` already parsed, one Jinja environment
per package with its templates compiled, and decoded images (assets are immutable packaged
files, so their URL is a sound cache key).
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from importlib import resources
from typing import Any

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError

from parcelle_kit.pdf._weasyprint import (
    CSS,
    HTML,
    FatalURLFetchingError,
    FontConfiguration,
    compress_streams_faster,
    harfbuzz_subset_active,
)
from parcelle_kit.pdf.asset_policy import KIT_PACKAGE, asset_base_url
from parcelle_kit.pdf.errors import (
    AssetRefusedError,
    PdfLayoutError,
    RendererStartError,
    TemplateNotFoundError,
    TemplateRenderError,
)
from parcelle_kit.pdf.fetcher import PackageAssetFetcher
from parcelle_kit.pdf.fonts import FONT_PACKAGE, missing_fonts
from parcelle_kit.pdf.templating import build_environment
from parcelle_kit.pdf.worker import PdfVariant

KIT_STYLESHEETS = ("fonts.css", "base.css")
PACKAGE_STYLESHEET = "assets/documents.css"
"""A package's own stylesheet: parsed once per worker, applied to each of its documents."""
WARMUP_TEMPLATE = "parcelle/warmup.html"

logger = logging.getLogger(__name__)


class Engine:
    """Renders documents of the given packages; build one per process."""

    def __init__(self, packages: Iterable[str], *, pdf_variant: PdfVariant) -> None:
        if missing := missing_fonts():
            names = ", ".join(str(path) for path in missing)
            raise RendererStartError(
                f"fonts not installed: {names}; install the Debian package {FONT_PACKAGE}"
            )
        if not harfbuzz_subset_active():
            logger.warning(
                "libharfbuzz-subset is missing: WeasyPrint subsets fonts with fontTools, "
                "2-4 times slower; install the Debian package libharfbuzz-subset0"
            )
        compress_streams_faster()
        self._pdf_variant = pdf_variant
        self._font_config = FontConfiguration()
        self._images: dict[str, Any] = {}
        self._environments: dict[str, Environment] = {}
        self._fetchers: dict[str, PackageAssetFetcher] = {}
        for package in {*packages, KIT_PACKAGE}:
            self._environments[package] = _compiled_environment(package)
            self._fetchers[package] = PackageAssetFetcher({package, KIT_PACKAGE})
        kit_fetcher = self._fetchers[KIT_PACKAGE]
        kit_stylesheets = [
            CSS(
                url=f"{asset_base_url(KIT_PACKAGE)}assets/{name}",
                url_fetcher=kit_fetcher,
                font_config=self._font_config,
            )
            for name in KIT_STYLESHEETS
        ]
        # A <link>ed stylesheet is fetched, tokenised and its selectors compiled at every
        # render (~5 ms for a page of rules); the package's own sheet is parsed here, once.
        # It comes after the kit's, so it wins at equal specificity; a template's own
        # <style> or <link> (author origin) still wins over both.
        self._stylesheets = {
            package: [*kit_stylesheets, *self._package_stylesheet(package)]
            for package in self._environments
        }

    def warm_up(self, rounds: int = 2) -> None:
        """Render the kit's warm-up document so the first real one is not the slow one."""
        context = {
            "voci": [f"Fase {numero}" for numero in range(1, 8)],
            "importo": Decimal("1234.50"),
            "oggi": datetime.now(UTC),
        }
        for _ in range(rounds):
            self.render(KIT_PACKAGE, WARMUP_TEMPLATE, context)

    def render(self, package: str, template: str, context: Mapping[str, Any]) -> bytes:
        """The PDF of ``template`` from ``package`` rendered with ``context``."""
        html = self._html(package, template, context)
        try:
            document = HTML(
                string=html,
                base_url=asset_base_url(package),
                url_fetcher=self._fetchers[package],
            )
            pdf: bytes = document.write_pdf(
                stylesheets=self._stylesheets[package],
                font_config=self._font_config,
                pdf_variant=self._pdf_variant,
                cache=self._images,
            )
        except FatalURLFetchingError as exc:
            # FatalURLFetchingError is a BaseException: it must not escape as one, and the
            # refusal itself (its cause) is what the caller needs to see.
            if isinstance(exc.__cause__, AssetRefusedError):
                raise AssetRefusedError(str(exc.__cause__)) from exc
            raise PdfLayoutError(f"{package}/{template}: {exc}") from exc
        except Exception as exc:
            raise PdfLayoutError(f"{package}/{template}: {type(exc).__name__}: {exc}") from exc
        return pdf

    def _package_stylesheet(self, package: str) -> list[Any]:
        """The package's ``assets/documents.css``, parsed, or nothing if it has none."""
        if (
            package == KIT_PACKAGE
            or not resources.files(package).joinpath(PACKAGE_STYLESHEET).is_file()
        ):
            return []
        try:
            return [
                CSS(
                    url=asset_base_url(package) + PACKAGE_STYLESHEET,
                    url_fetcher=self._fetchers[package],
                    font_config=self._font_config,
                )
            ]
        except Exception as exc:
            raise RendererStartError(f"{package}/{PACKAGE_STYLESHEET}: {exc}") from exc

    def _html(self, package: str, template: str, context: Mapping[str, Any]) -> str:
        environment = self._environments.get(package)
        if environment is None:
            raise TemplateNotFoundError(f"package {package!r} is not served by this renderer")
        try:
            return environment.get_template(template).render(context)
        except TemplateNotFound as exc:
            raise TemplateNotFoundError(
                f"template {exc.name!r} not found in {package}/templates/ "
                f"nor in the kit's shared templates"
            ) from exc
        except TemplateSyntaxError as exc:
            raise TemplateRenderError(
                f"{package}/{exc.name or template}, line {exc.lineno}: {exc.message}"
            ) from exc
        except Exception as exc:
            # Whatever the template or a context object raised becomes one of our errors with
            # a plain message: an exception the parent process cannot unpickle would break
            # the whole pool (concurrent.futures marks it broken), not just this render.
            raise TemplateRenderError(f"{package}/{template}: {type(exc).__name__}: {exc}") from exc


def _compiled_environment(package: str) -> Environment:
    """The package's Jinja environment with every template compiled ahead of use."""
    try:
        environment = build_environment(package)
    except (ImportError, ValueError) as exc:
        raise RendererStartError(f"cannot load templates of {package!r}: {exc}") from exc
    # Compiling every template now makes a broken one stop the deployment at start-up,
    # not the first user who needs that document.
    for name in environment.list_templates(extensions=("html",)):
        try:
            environment.get_template(name)
        except TemplateSyntaxError as exc:
            raise RendererStartError(
                f"template {package}/{exc.name or name}, line {exc.lineno}: {exc.message}"
            ) from exc
    return environment
