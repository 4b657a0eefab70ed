"""Use cases of `istanze`, one module per group, over the ports of :mod:`istanze.ports`:

- ``istanze``: drafts, attachments, withdrawal and the lawyer's queries;
- ``deposito``: the application PDF, its signature and the deposit with its receipt;
- ``acquisizione``: follows ``PraticaAcquisita`` (the secretariat registered the case);
- ``impostazioni``: follows ``ImpostazioniOrdineCambiate`` (the Ordine's settings copy);
- ``base``: the steps they share.
"""
