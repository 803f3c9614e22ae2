"""CLI commands: serve (filled in by the serve stage)."""
