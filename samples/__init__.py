"""Bundled sample documents (package data); see README.md here."""
