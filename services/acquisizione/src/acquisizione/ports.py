"""Interfaces (``typing.Protocol``) the handlers of `acquisizione` need from the outside world."""
