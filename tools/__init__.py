"""Maintainer tools: measure the built site (Lighthouse) and picture it (the README screenshot)."""
