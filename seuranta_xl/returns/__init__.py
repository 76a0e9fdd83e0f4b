"""Returned workbooks in: reading, check, sync, status (shell)."""
