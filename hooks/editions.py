"""MkDocs hook: editions (thin wrapper around hetao_docs)."""
