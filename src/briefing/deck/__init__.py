"""Deck building: templates, role mapping, the plan, text fitting and the python-pptx writer.

Only this package (and ``export``) touches python-pptx, and only inside functions.
"""
