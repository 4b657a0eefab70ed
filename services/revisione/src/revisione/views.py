"""Contracts <-> domain mapping of `revisione` (pydantic / the kit codec, not field-by-field copies)."""
