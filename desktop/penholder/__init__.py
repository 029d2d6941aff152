"""Penholder: a drafting assistant for UN resolutions."""

__version__ = "0.1.0"
APP_ID = "org.penholder.Penholder"
