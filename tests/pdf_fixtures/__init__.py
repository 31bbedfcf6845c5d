"""PDF fixtures: our text documents rendered as slide decks, and files a reader must refuse."""
