#!/bin/bash
# What depending on swift-crypto would add to a clean release build.
#
# Two scratch copies of HEAD (git archive, outside the repository): `a` as it is, `b` with
# apple/swift-crypto added and WarehouseSupport depending on its `Crypto` product, with one
# function that calls Crypto.SHA256 (so the module is compiled and linked, not just resolved).
# Each round removes .build, resolves (timed apart) and runs `swift build -c release`, a then b,
# and prints one line with the wall and CPU seconds, the load average and the binary's size. Nothing is
# committed; the copies stay in $WORK for inspection.
#
# Usage: scripts/bench-swift-crypto.sh [rounds] [work-dir]    (default: 2 rounds, /tmp/crypto-measure)
set -euo pipefail
ROUNDS=${1:-2}
WORK=${2:-/tmp/crypto-measure}
REPO=$(git rev-parse --show-toplevel)
rm -rf "$WORK/a" "$WORK/b"
mkdir -p "$WORK/a" "$WORK/b"
git -C "$REPO" archive HEAD | tar -x -C "$WORK/a"
git -C "$REPO" archive HEAD | tar -x -C "$WORK/b"
python3 - "$WORK/b/Package.swift" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
dep = '.package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),'
assert dep in s and '.target(name: "WarehouseSupport"),' in s
s = s.replace(dep, dep + '\n        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),')
s = s.replace('.target(name: "WarehouseSupport"),',
              '.target(name: "WarehouseSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),')
open(p, "w").write(s)
PY
cat > "$WORK/b/Sources/WarehouseSupport/CryptoSHA256.swift" <<'SWIFT'
import Crypto

/// swift-crypto's SHA-256 as lowercase hex (measurement only).
public func cryptoSHA256Hex(_ text: String) -> String {
    Crypto.SHA256.hash(data: Array(text.utf8)).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}
SWIFT
for round in $(seq 1 "$ROUNDS"); do
  for v in a b; do
    cd "$WORK/$v"
    rm -rf .build
    s=$(date +%s.%N)
    swift package resolve > "resolve-$round.log" 2>&1
    r=$(date +%s.%N)
    # CPU seconds (user + system, the compilers included) say more than wall time on a shared box.
    cpu=$( { TIMEFORMAT='%U %S'; time swift build -c release > "build-$round.log" 2>&1 || true; } 2>&1 | awk '{print $1 + $2}')
    rc=$(grep -q "Build complete!" "build-$round.log" && echo ok || echo FAILED)
    e=$(date +%s.%N)
    printf 'round %s %s build %s, resolve=%.1fs build=%.1fs cpu=%.1fs load=%s binary=%s bytes .build=%s\n' "$round" \
      "$([ $v = a ] && echo without || echo with-swift-crypto)" "$rc" "$(echo "$r - $s" | bc)" "$(echo "$e - $r" | bc)" "$cpu" \
      "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" "$(stat -c %s .build/release/warehouse 2>/dev/null || echo -)" \
      "$(du -sh .build | cut -f1)"
  done
done
