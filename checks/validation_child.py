"""`python -m checks.validation_child`: the process of a `checks.validation.ValidationProcess`.

A module of its own, so that what the child pickles is `checks.validation`'s, not `__main__`'s.
"""

from checks.validation import main

if __name__ == "__main__":
    main()
