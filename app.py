"""NetBuilder's Streamlit page: `streamlit run app.py` (or `make run`)."""
import streamlit as st

from builder.presets import list_presets
from builder.summary import summarize

st.set_page_config(page_title="NetBuilder", layout="wide")
st.title("NetBuilder")
presets = list_presets()
name = st.selectbox("Preset", list(presets), format_func=lambda k: presets[k].name)
spec = presets[name]
st.write(spec.description)
st.dataframe([row.__dict__ for row in summarize(spec).layers], hide_index=True)
