"""MkDocs hook: links (thin wrapper around hetao_docs)."""
