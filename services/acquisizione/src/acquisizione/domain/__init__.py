"""Domain rules and state of `acquisizione`: pure Python, no I/O, no framework imports (the
standard library, and the shared vocabulary ``parcelle_contracts.vocabolario``).

- ``pratica``: the aggregate (a deposited case as the secretariat sees it: pending, acquired,
  withdrawn) and its operations; ``errori`` the refusals they raise.
- ``protocollo``: protocol numbers per Ordine and per year (``2026/000123``).
- ``termini``: the legal deadline, its suspensions, "near" and "past".
- ``assegnazione``: the reporting councillors and the automatic assignment rule.
- ``ordine``: what the rules read of an Ordine's settings; ``comunicazioni``: the notices and
  how each recipient is reached; ``persone``: who acts, through what; ``cronologia``: the
  timeline's lines; ``elenco``: searching the pending list; ``sportello``: what the clerk
  confirms at the counter; ``tipi_file``: files recognised by their content.
"""
