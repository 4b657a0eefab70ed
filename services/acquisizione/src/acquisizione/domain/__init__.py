"""Domain rules and state of `acquisizione`: pure Python, no I/O, no framework imports."""
