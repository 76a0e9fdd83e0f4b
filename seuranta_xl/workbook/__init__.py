"""Department workbooks out: columns, texts, writer, generate (shell)."""
