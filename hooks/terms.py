"""MkDocs hook: terms (thin wrapper around hetao_docs)."""
