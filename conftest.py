"""Fixtures every suite of the workspace can use: see parcelle_kit.testing."""

pytest_plugins = ["parcelle_kit.testing.fixtures", "parcelle_kit.testing.pdf_tools"]
