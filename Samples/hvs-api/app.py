import os

import mlflow.pyfunc
from flask import Flask, jsonify, request

app = Flask(__name__)
model = mlflow.pyfunc.load_model(f"runs:/{os.environ['MLFLOW_RUN_ID']}/model")


@app.get("/ping")
def ping():
    return "ok"


@app.post("/predict")
def predict():
    return jsonify(model.predict(request.get_json()["instances"]).tolist())
