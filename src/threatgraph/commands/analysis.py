"""CLI commands: analysis (filled in by the analysis stage)."""
