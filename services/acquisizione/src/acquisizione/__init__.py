"""Parcelle service `acquisizione` (secretariat): scan events and clicks, code authenticity, the
protocol register, assignment of the reporting councillor and the notice of start of
proceedings.
"""
