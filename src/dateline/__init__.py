"""dateline: conflict and diplomacy news turned into a sourced, structured, queryable record."""

__version__ = "0.1.0"
# Bumped whenever a stage changes what it outputs; stored on every article.
PIPELINE_VERSION = f"dateline-{__version__}"
