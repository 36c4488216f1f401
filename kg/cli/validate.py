"""Placeholder until the owning stage lands."""
