"""The language server (`contentkit lsp`): pygls over stdio; imported only by that command."""
