"""The pure core: models, findings catalogue, validation, merge, ids, identity (no I/O)."""
