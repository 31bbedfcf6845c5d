"""Containment by document: which documents a blocking failure is charged to, and the loop that
holds them back and checks again."""

from checks.containment import HELD_BACK, charge_failures, contain, held_back_reason
from checks.results import BLOCKING, FAIL, PASS, WARN, WARNING, CheckResult


def result(status, *documents, severity=BLOCKING, message="m"):
    return CheckResult(
        "cross_document", "r", severity, status, documents[0] if documents else None, None,
        None, None, None, None, None, message, None, tuple(documents),
    )


def test_a_disagreement_with_a_published_document_is_charged_to_the_new_one():
    failure = result(FAIL, "new", "old")
    charges = charge_failures([failure, result(PASS, "new")], published={"old"})
    assert charges.by_document == {"new": (failure,)} and charges.uncharged == ()


def test_a_disagreement_between_two_new_documents_is_charged_to_both():
    failure = result(FAIL, "a", "b")
    assert set(charge_failures([failure], published=set()).by_document) == {"a", "b"}


def test_warnings_and_failures_of_published_documents_only_are_charged_to_no_one():
    published_only = result(FAIL, "old")
    charges = charge_failures(
        [published_only, result(WARN, "new", severity=WARNING)], published={"old"}
    )
    assert charges.by_document == {} and charges.uncharged == (published_only,)


def test_contain_holds_back_the_charged_document_and_checks_the_build_without_it():
    bad = result(FAIL, "bad", "old", message="revenues FY2004-Q1 printed 931")
    rounds = []

    def run_checks(held_back):
        rounds.append(set(held_back))
        return [result(PASS, "old")] if "bad" in held_back else [bad, result(PASS, "old")]

    containment = contain(run_checks, published={"old"})
    assert rounds == [set(), {"bad"}]
    assert not containment.blocked
    assert containment.held_back == {"bad": (bad,)}
    recorded = [*containment.results, *containment.held_back_results()]
    assert [(r.status, r.severity) for r in recorded] == [(PASS, BLOCKING), (FAIL, HELD_BACK)]
    assert not any(r.blocks_publish for r in recorded)
    assert "printed 931" in held_back_reason(containment.held_back["bad"])


def test_a_failure_charged_to_no_document_blocks_and_holds_nothing_back():
    published_only = result(FAIL, "old")
    containment = contain(lambda held_back: [published_only, result(FAIL, "new")], {"old"})
    assert containment.blocked and containment.held_back == {}


def test_a_document_s_own_failure_is_charged_before_its_disagreement_with_another_new_one():
    own = result(FAIL, "copy", message="parts do not add up in the copy")
    disagreement = result(FAIL, "copy", "original")
    charges = charge_failures([own, disagreement], published=set())
    assert charges.by_document == {"copy": (own,)}

    def run_checks(held_back):
        return [result(PASS, "original")] if "copy" in held_back else [own, disagreement]

    containment = contain(run_checks, published=set())
    assert set(containment.held_back) == {"copy"} and not containment.blocked
