"""Use cases of `acquisizione`, one module per group over a small shared base (:mod:`.base`):

- :mod:`.segreteria`: what the clerk does and sees (acquisition, assignment, observations, the
  pending list, a case, the deadlines);
- :mod:`.ingresso`: deposits and withdrawals announced by ``istanze``;
- :mod:`.avvio`: the notice of start of proceedings and its deliveries;
- :mod:`.relatori`: the reporting councillor's list;
- :mod:`.ordini`: the Ordine's settings, which this service owns and announces.
"""
