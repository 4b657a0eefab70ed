"""Domain rules of `firma`: pure Python, no I/O, no framework imports.

- :mod:`codice_fiscale`: the signer's tax code as certificates carry it;
- :mod:`esame`: the facts a verifier reports about a signed file;
- :mod:`verdetto`: the rules that turn those facts into problems for the lawyer;
- :mod:`errors`: refusals with a stable code.
"""
