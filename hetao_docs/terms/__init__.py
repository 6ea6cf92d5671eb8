"""The term base engine: load + validate data/terms.yaml, find where terms occur, render the
glossary, the index of policy terms and the exports, and annotate HTML with inline definitions.

Plain Python, no MkDocs import: the plugin and `scripts/docs.py terms` call it.
"""

from hetao_docs.terms.annotate import InlineDefinitions
from hetao_docs.terms.build import generate
from hetao_docs.terms.load import load_terms, variety_phrases
from hetao_docs.terms.match import TermMatcher, surface_forms
from hetao_docs.terms.model import Term, TermBaseError
from hetao_docs.terms.occurrences import Occurrences

__all__ = [
    "InlineDefinitions",
    "Occurrences",
    "Term",
    "TermBaseError",
    "TermMatcher",
    "generate",
    "load_terms",
    "surface_forms",
    "variety_phrases",
]
