"""Contracts <-> domain mapping of `revisione`: pydantic or the kit codec, not field-by-field
copies."""
