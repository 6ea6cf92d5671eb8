"""MkDocs hook: search (thin wrapper around hetao_docs)."""
