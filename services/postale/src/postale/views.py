"""Contracts <-> domain mapping of `postale`: pydantic or the kit codec, not field-by-field
copies."""
