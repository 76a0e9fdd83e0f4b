"""A corpus of bad returns, generated (never hand-edited binaries): see generate.py."""
