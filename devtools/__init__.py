"""Development tooling (test and benchmark helpers): not part of the product package, not in the wheel."""
