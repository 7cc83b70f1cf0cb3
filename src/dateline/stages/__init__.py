"""Pipeline stages, one module (or package) each, registered by name (see pipeline.registry)."""
