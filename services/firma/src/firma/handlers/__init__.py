"""Use cases of `firma`: take a request and the dependencies, return the reply's data.

Both requests are answered through ``parcelle_kit.requests.answer``: a handler returns the data
or raises a :class:`~firma.domain.errors.RichiestaRifiutata`, which the caller receives as
``Esito(ok=False)``. One module per use case; :mod:`firma.handlers.base` holds what they share.
"""
