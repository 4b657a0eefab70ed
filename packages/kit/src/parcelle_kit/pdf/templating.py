"""The Jinja environment a service's document templates are rendered with.

Templates live in the service's Python package under ``templates/``; the kit's shared layout
(``parcelle/base.html``) comes second, so a service extends it with
``{% extends "parcelle/base.html" %}``. Autoescape is on for every template whatever its file
name, so text from users (names, descriptions) can never become markup or a URL to fetch, and
undefined variables are errors: a legal document must not silently lose a field.
"""

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from parcelle_kit.pdf.asset_policy import KIT_PACKAGE, asset_base_url
from parcelle_kit.pdf.filters import FILTERS

TEMPLATE_DIR = "templates"


def build_environment(package: str) -> Environment:
    """A Jinja environment for ``package``'s templates plus the kit's shared ones.

    Raises ``ModuleNotFoundError`` for an unknown package and ``ValueError`` for a package
    without a ``templates/`` directory.
    """
    loaders = [PackageLoader(package, TEMPLATE_DIR)]
    if package != KIT_PACKAGE:
        loaders.append(PackageLoader(KIT_PACKAGE, TEMPLATE_DIR))
    environment = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        # Templates are packaged and never change while the process runs.
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(FILTERS)
    environment.globals["kit_assets"] = asset_base_url(KIT_PACKAGE) + "assets/"
    return environment
