"""Outputs: master workbook, export, reports (shell)."""
