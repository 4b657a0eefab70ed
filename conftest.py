"""Fixtures every suite of the workspace can use: see parcelle_kit.testing.fixtures."""

pytest_plugins = ["parcelle_kit.testing.fixtures"]
