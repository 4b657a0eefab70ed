"""Interfaces (``typing.Protocol``) the handlers of `revisione` need from the outside world."""
