"""NetBuilder's Streamlit page: `streamlit run app.py` (or `make run`)."""
from builder.ui.page import main

main()
