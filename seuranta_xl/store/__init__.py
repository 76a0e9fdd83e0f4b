"""The project folder: config, ledger, rounds, atomic writes, the lock (shell)."""
