"""Build logic for the Hetao cross-border data reference site; no MkDocs import here unless a module says so."""
