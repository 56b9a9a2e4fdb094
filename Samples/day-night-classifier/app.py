import os

import pandas as pd
import streamlit as st
from sklearn.linear_model import LogisticRegression

table = pd.read_csv(os.environ["FEATURE_TABLE"])
model = LogisticRegression().fit(table[["mean_brightness", "blue_ratio"]], table["label"])
st.title("Day or night?")
brightness = st.slider("Mean brightness", 0.0, 1.0, 0.5)
blue = st.slider("Blue ratio", 0.0, 1.0, 0.35)
st.write(model.predict([[brightness, blue]])[0])
