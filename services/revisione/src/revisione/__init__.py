"""Parcelle service `revisione` (councillor review): the per-item decision with the DM 147/2022
parameters, requests for integration, the liquidation order (provvedimento) and the council fee.
"""
