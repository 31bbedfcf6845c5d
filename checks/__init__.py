"""Reconciliation rules and expectation suites over the warehouse build.

`run_all` is the entry point: every rule of `checks/rules/`, the reviewed exceptions and the
Great Expectations suites, with the results written to `marts.check_results`.
"""

from checks.runner import run_all

__all__ = ["run_all"]
