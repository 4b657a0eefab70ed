"""Domain rules and state of `istanze`: pure Python, no I/O, no framework imports (the shared
vocabulary, ``parcelle_contracts.vocabolario``, is the one import from outside).

- ``bozza`` and ``istanza``: the aggregate (an application and the case it becomes): its state
  and the draft's operations, then signature, deposit and the procedure after it;
  ``errori`` the refusals they raise; ``cronologia`` the timeline (who, in what role, through
  what); ``azioni`` what the asking user may do now.
- ``contenuto``: what the lawyer writes; ``verifiche`` what is wrong in it; ``requisiti``
  what a deposit still needs; ``regole`` the per-Ordine rules behind both (built from the
  read copy of the Ordine's settings, which ``acquisizione`` owns).
- ``allegati``, ``tipi_file``: attachments and the sniffing of their type; ``deposito``: the
  application document, the signed file and the deposit; ``impronta``: the fingerprint that
  ties a document to the data it shows.
- ``stati``, ``procedura``, ``accesso``: the moves of the procedure, and who may do what;
  ``persone``: the applicant and the acting user.
- ``codice_fiscale``, ``partita_iva``, ``importi``: tax codes, VAT numbers and money.
"""
