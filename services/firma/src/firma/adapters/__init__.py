"""Implementations of the ports of `firma`.

- :mod:`verifier`: the signature verifier (pyhanko), dispatching to :mod:`pades` and
  :mod:`cades`, with :mod:`revisions` (what changed before the signature) and :mod:`trust`
  (trust roots, revocation, validation contexts);
- :mod:`signer`: the demo signer (PAdES from a PKCS#12 file);
- :mod:`demo_pki`: the demo PKI generator;
- :mod:`blobs`: payloads by claim check, in whichever blob area they lie.
"""
