"""The desktop app (PySide6). The only package that imports Qt; it builds on the Qt-free core.

Entry point: ``penholder.ui.app.run(argv)``.
"""
