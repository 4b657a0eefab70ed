"""The shape every service keeps (README, "Inside a service"), checked on the source itself: the
same files in every service, a pure domain, ports that know no adapter, no service importing
another, no test support in what ships, no file grown past what a reader takes in at once."""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").is_file())
PACKAGES = {name: ROOT / "services" / name / "src" / name for name in SERVICES}
SHIPPED = {
    **PACKAGES,
    "gateway": ROOT / "gateway" / "src" / "gateway",
    "parcelle_kit": ROOT / "packages" / "kit" / "src" / "parcelle_kit",
    "parcelle_contracts": ROOT / "packages" / "contracts" / "src" / "parcelle_contracts",
}
LAYOUT = (
    "domain/__init__.py",
    "handlers/__init__.py",
    "adapters/__init__.py",
    "ports.py",
    "views.py",
    "entrypoints.py",
    "bootstrap.py",
    "config.py",
)
TOP_LEVEL = {"__init__", "bootstrap", "config", "entrypoints", "ports", "views", "cli"}
"""The only modules a service keeps beside its domain/, handlers/ and adapters/ packages."""
DOMAIN_MAY_IMPORT = {"parcelle_contracts.vocabolario", "parcelle_compensi"}
"""The shared vocabulary and the fee rules: pure packages (standard library only) that the
domains share."""
MAX_LINES = 420


def modules(package: Path) -> Iterator[Path]:
    yield from sorted(package.rglob("*.py"))


def imports(path: Path) -> set[str]:
    """The absolute module names ``path`` imports (relative imports are the package's own)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def top(name: str) -> str:
    return name.partition(".")[0]


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_same_files(service: str) -> None:
    package = PACKAGES[service]
    missing = [part for part in LAYOUT if not (package / part).is_file()]
    assert not missing, f"{service} lacks {missing}"
    extra = sorted(p.stem for p in package.glob("*.py") if p.stem not in TOP_LEVEL)
    assert not extra, f"{service}: modules outside the layout: {extra}"


@pytest.mark.parametrize("service", SERVICES)
def test_the_domain_imports_only_the_standard_library(service: str) -> None:
    domain = PACKAGES[service] / "domain"
    allowed = sys.stdlib_module_names | {service}
    wrong = {
        f"{path.relative_to(domain)}: {name}"
        for path in modules(domain)
        for name in imports(path)
        if top(name) not in allowed and name not in DOMAIN_MAY_IMPORT
    }
    assert not wrong, sorted(wrong)
    outside = {
        f"{path.relative_to(domain)}: {name}"
        for path in modules(domain)
        for name in imports(path)
        if top(name) == service and not name.startswith(f"{service}.domain")
    }
    assert not outside, sorted(outside)


@pytest.mark.parametrize("service", SERVICES)
def test_ports_and_entrypoints_know_no_adapter(service: str) -> None:
    package = PACKAGES[service]
    for module in ("ports.py", "entrypoints.py"):
        adapters = {n for n in imports(package / module) if n.startswith(f"{service}.adapters")}
        assert not adapters, f"{service}/{module} imports {sorted(adapters)}"


@pytest.mark.parametrize("owner", sorted(SHIPPED))
def test_no_service_imports_another_and_nothing_shipped_imports_test_support(owner: str) -> None:
    forbidden = (set(SERVICES) | {"gateway"}) - {owner}
    forbidden |= {"parcelle_testing", "pytest"}
    wrong = {
        f"{path.relative_to(SHIPPED[owner])}: {name}"
        for path in modules(SHIPPED[owner])
        for name in imports(path)
        if top(name) in forbidden
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("owner", sorted(SHIPPED))
def test_no_source_file_grows_past_what_a_reader_takes_in(owner: str) -> None:
    long = {
        str(path.relative_to(SHIPPED[owner])): lines
        for path in modules(SHIPPED[owner])
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by aggregate or use case: {long}"
