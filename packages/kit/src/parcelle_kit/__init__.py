"""Cross-cutting infrastructure shared by every Parcelle service."""
