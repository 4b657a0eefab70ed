"""Parcelle service `firma` (signatures): PAdES signing (PKCS#12, PKCS#11, CSC remote) and
signature verification.
"""
