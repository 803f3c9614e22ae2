"""CLI commands: resolve (filled in by the resolve stage)."""
