"""Fixtures shared by the tests of every package."""

import pytest

from warehousing.project import CONTRACT_DIR
from warehousing.reading import load_vocabulary


@pytest.fixture(scope="session")
def vocabulary():
    """The metric and segment vocabulary of the contract."""
    return load_vocabulary(CONTRACT_DIR)
