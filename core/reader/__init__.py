"""SOURCE → RawSource: pages of lines, each with its box on the page and a paragraph hint.

`source` resolves a SOURCE (path, symbol, `-`) and reads it; `library` knows where documents live; `fetch`
downloads from the UN's Official Document System; `cache` keeps what was read from a PDF; `pdf` reads PDFs
with pdfminer.six and `layout` turns any engine's glyphs into lines in reading order.
"""
