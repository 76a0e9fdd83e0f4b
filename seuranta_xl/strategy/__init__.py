"""Strategy tables in: reading files into a grid, layouts, assembly, import (shell)."""
