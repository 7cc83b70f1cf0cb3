"""Gold readers and scorers, one module per gold format (TimeML, ...); used by ``dateline eval``."""
