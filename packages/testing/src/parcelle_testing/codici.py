"""Application codes as tests need them wrong."""


def forgiato(codice: str) -> str:
    """The same code with another check element: what a forger or a slip of the hand gives."""
    ultimo = codice[-1]
    return codice[:-1] + ("B" if ultimo != "B" else "C")
