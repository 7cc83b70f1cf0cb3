"""Gold readers and scorers, one module per gold format (TimeML, ...); used by ``dateline eval``."""


def ratio(hits: int, total: int) -> float:
    """``hits / total``, 0 when there is nothing to divide by (precision with no predictions, ...)."""
    return hits / total if total else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall, 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
