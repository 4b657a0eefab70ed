"""Interfaces (``typing.Protocol``) the handlers of `firma` need from the outside world."""
