"""One presentation layer for people: labels, tables and formats in fi/sv/en."""
