"""Contracts <-> domain mapping of `notifiche` (pydantic / the kit codec, not field-by-field copies)."""
