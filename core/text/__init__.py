"""Shared knowledge about text, each piece in one place: scripts (every Unicode range, digit table and space
class), UN symbols (parse, format, file names), languages (of a stretch, a page, a document), dates, and Arabic
script (marks, letters, joining forms). Every stage may import from here; nothing here imports a stage."""
