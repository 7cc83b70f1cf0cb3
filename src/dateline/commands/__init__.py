"""CLI command groups; each module has register(app, eval_app)."""
