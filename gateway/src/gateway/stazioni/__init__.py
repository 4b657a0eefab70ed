"""Scanner stations: the counters' 2D scanners that post scan events to the gateway.

A station is identity, like an account, so it lives in the gateway's own store
(:mod:`gateway.stazioni.store`): a name, one Ordine, and a key shown once at creation and kept
only as its SHA-256. :mod:`~gateway.stazioni.routes` is ``POST /api/v1/scanner/eventi``;
:mod:`~gateway.stazioni.cli` is ``parcelle stazioni``; :mod:`~gateway.stazioni.demo` makes the
demo station. This module imports nothing, so that ``parcelle`` loads the CLI cheaply.
"""
