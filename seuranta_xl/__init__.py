"""seuranta-xl: strategy follow-up rounds through Excel workbooks."""
__version__ = "0.1.0"
