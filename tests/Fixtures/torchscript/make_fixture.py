"""Makes the TorchScript fixture the API tests serve: a small LSTM classifier, scripted by PyTorch.

Run with Debian's python3-torch (1.13.1):  /usr/bin/python3 make_fixture.py
Writes, beside this script:
  lstm_classifier.pt         the TorchScript archive (torch.jit.script + torch.jit.save)
  lstm_classifier.json       the signature to upload with it
  lstm_classifier.outputs.json  PyTorch's own outputs (logits and softmax) for fixed, seeded inputs
"""
import json
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES, HIDDEN, CLASSES = 3, 16, 4
LABELS = ["rising", "falling", "flat", "noisy"]


class LstmClassifier(nn.Module):
    """(batch, steps, 3) -> LSTM(16) -> last step -> Linear(4): class logits, shape (batch, 4)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, sequence: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(sequence)
        return self.head(out[:, -1, :])


def main():
    torch.manual_seed(17)
    model = LstmClassifier().eval()
    scripted = torch.jit.script(model)
    torch.jit.save(scripted, os.path.join(HERE, "lstm_classifier.pt"))

    signature = {
        "inputs": [{"name": "sequence", "datatype": "FP32", "shape": [-1, -1, FEATURES]}],
        "outputs": [{"name": "logits", "datatype": "FP32", "shape": [-1, CLASSES]}],
        "postprocess": {"softmax": True, "labels": LABELS},
    }
    with open(os.path.join(HERE, "lstm_classifier.json"), "w") as f:
        json.dump(signature, f, indent=2)
        f.write("\n")

    generator = torch.Generator().manual_seed(2024)
    cases = []
    for batch, steps in [(2, 5), (1, 9), (3, 1)]:
        x = torch.randn(batch, steps, FEATURES, generator=generator)
        with torch.no_grad():
            logits = scripted(x)
        cases.append({
            "shape": [batch, steps, FEATURES],
            "input": [float(v) for v in x.flatten().tolist()],
            "logits": [float(v) for v in logits.flatten().tolist()],
            "probabilities": [float(v) for v in torch.softmax(logits, dim=-1).flatten().tolist()],
            "labels": [LABELS[i] for i in logits.argmax(dim=-1).tolist()],
        })
    with open(os.path.join(HERE, "lstm_classifier.outputs.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
