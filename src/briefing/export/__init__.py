"""Exports through LibreOffice: PDF (and PNG pages for previews) when it is installed."""
