"""Domain rules and state of `acquisizione`: pure Python, no I/O, no framework imports.

- ``pratica``: the aggregate (a deposited case as the secretariat sees it: pending, acquired,
  withdrawn) and its operations; ``errori`` the refusals they raise.
- ``protocollo``: protocol numbers per Ordine and per year (``2026/000123``).
- ``termini``: the legal deadline, its suspensions, "near" and "past".
- ``assegnazione``: the reporting councillors and the automatic assignment rule.
- ``ordine``: the per-Ordine settings; ``comunicazioni``: the notices and how each recipient
  is reached; ``persone``: who acts; ``elenco``: searching the pending list.
"""
