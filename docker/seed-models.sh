#!/bin/sh
# Seeds the models volume with the models shipped in the image, once. Each model folder is copied
# under a temporary name and renamed into place, so the model store never sees half a model; a lock
# keeps two seeders apart; a marker records that the volume is seeded, so a model deleted later is
# not brought back by the next start.
set -eu
src=/opt/seqserve/models
dst="${Storage__ModelsPath:-/var/lib/seqserve/models}"
mkdir -p "$dst"
exec 9>"$dst/.seed.lock"
flock 9
if [ -e "$dst/.seeded" ]; then
  echo "seed-models: $dst was seeded on $(cat "$dst/.seeded"); nothing to do"
  exit 0
fi
for model in "$src"/*/; do
  name=$(basename "$model")
  if [ -e "$dst/$name" ]; then
    echo "seed-models: $name already in the volume, kept"
    continue
  fi
  tmp="$dst/.tmp-seed-$name"
  rm -rf "$tmp"
  cp -R "$model" "$tmp"
  mv -T "$tmp" "$dst/$name"
  echo "seed-models: $name"
done
date -u +%Y-%m-%dT%H:%M:%SZ >"$dst/.seeded"
