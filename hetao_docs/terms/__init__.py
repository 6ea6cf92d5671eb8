"""The term base engine: load + validate data/terms.yaml, scan occurrences, render the glossary,
the index of policy terms and the exports, and annotate HTML with inline definitions.

Plain Python, no MkDocs import: hooks/terms.py and `scripts/docs.py terms` are thin wrappers.
"""

from hetao_docs.terms.annotate import InlineDefinitions
from hetao_docs.terms.build import generate
from hetao_docs.terms.load import hant_phrases, load_terms
from hetao_docs.terms.match import TermMatcher, surface_forms
from hetao_docs.terms.model import EDITIONS, Edition, Term, TermBaseError

__all__ = [
    "EDITIONS", "Edition", "InlineDefinitions", "Term", "TermBaseError", "TermMatcher",
    "generate", "hant_phrases", "load_terms", "surface_forms",
]
