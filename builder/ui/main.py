"""The page script the server runs for every browser session (see `server`)."""
from builder.ui.page import main

main()
