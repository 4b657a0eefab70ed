"""Domain rules and state of `istanze`: pure Python, no I/O, no framework imports.

- ``istanza``: the aggregate (an application and the case it becomes) and its operations;
  ``errori`` the refusals they raise.
- ``contenuto``: what the lawyer writes; ``verifiche`` what is wrong in it; ``requisiti``
  what a deposit still needs; ``regole`` the per-Ordine settings behind both.
- ``allegati``, ``tipi_file``: attachments and the sniffing of their type; ``deposito``: the
  application document, the signed file and the deposit; ``impronta``: the fingerprint that
  ties a document to the data it shows.
- ``stati``, ``procedura``, ``accesso``: the states and moves of the procedure, and who may
  do what.
- ``codice_fiscale``, ``partita_iva``, ``importi``: tax codes, VAT numbers and money.
"""
