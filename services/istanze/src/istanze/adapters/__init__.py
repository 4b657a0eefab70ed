"""Implementations of the ports of `istanze`:

- ``archivio``: the cases in the document store, and their storage mapping;
- ``impostazioni``: the read copy of each Ordine's settings;
- ``acquisizione``: the settings' owner asked over the bus (request/reply);
- ``firma_remota``: the ``firma`` service over the bus;
- ``contesti`` and ``documenti``: the template contexts of the PDFs, and their rendering.
"""
