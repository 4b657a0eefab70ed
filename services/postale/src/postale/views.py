"""Contracts <-> domain mapping of `postale` (pydantic / the kit codec, not field-by-field copies)."""
