"""MkDocs hook: hosting (thin wrapper around hetao_docs)."""
