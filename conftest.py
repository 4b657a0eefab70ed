"""Fixtures every suite of the workspace can use: see parcelle_testing."""

pytest_plugins = ["parcelle_testing.fixtures", "parcelle_testing.pdf_tools"]
