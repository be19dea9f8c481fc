#!/usr/bin/env bash
# Chinese POS tagging on the test split of UD Chinese GSDSimp: the shipped pos-zh tagger next to jieba's own tags
# mapped to UPOS and the most-frequent-tag baseline (gold segmentation), then end to end with jieba's segmentation.
# Usage: ./seqserve bench pos-zh [models/pos-zh | a version folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run --project bench/Pos.Bench -c Release -- zh "$@"
