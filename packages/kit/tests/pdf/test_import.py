"""The process running the event loop must not pay for importing WeasyPrint."""

import subprocess
import sys


def test_importing_the_pdf_package_does_not_import_weasyprint() -> None:
    code = "import sys, parcelle_kit.pdf; print('weasyprint' in sys.modules)"

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.strip() == "False"
