"""Trajectplanner's domain: plain, typed Python without Qt or SQL (engineering.md)."""
