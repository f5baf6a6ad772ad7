"""Markdown files as text: front matter and body, block tokens, plain text."""
