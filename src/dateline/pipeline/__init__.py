"""Stage registry and the runner that streams articles through spaCy and the stages."""
