#!/usr/bin/env bash
# Regenerates the public API baseline of the shipped libraries (src/BackupKit, src/BackupKit.Local) from what the
# code declares now, using the public API analyzers' own reports (RS0016: public but not listed; RS0017: listed but
# gone). Each project keeps PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt beside its .csproj.
#
#   eng/update-public-api.sh             baseline: Shipped.txt = the whole current surface, Unshipped.txt empty
#                                        (after a release, or after merging branches that changed the surface)
#   eng/update-public-api.sh --unshipped everyday: keep Shipped.txt, add new public symbols to Unshipped.txt and drop
#                                        listed symbols that no longer exist from both files
#
# Review the diff of PublicAPI.*.txt before committing: every line is a promise to users.
set -euo pipefail

mode=baseline
case "${1:-}" in
  "") ;;
  --unshipped) mode=unshipped ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (use --unshipped or nothing)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
projects=(src/BackupKit src/BackupKit.Local)
header='#nullable enable'

for p in "${projects[@]}"; do
  if [[ $mode == baseline ]]; then
    printf '%s\n' "$header" > "$p/PublicAPI.Shipped.txt"
    printf '%s\n' "$header" > "$p/PublicAPI.Unshipped.txt"
  fi
  # New timestamps make the compiler run again, so the analyzers report even when nothing else changed.
  touch "$p/PublicAPI.Shipped.txt" "$p/PublicAPI.Unshipped.txt"
done

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Warnings stay warnings here so that BackupKit.Local still builds on a BackupKit whose list is incomplete; every target
# framework is built, so an API that differs between them is seen.
dotnet build src/BackupKit.Local/BackupKit.Local.csproj -m:1 -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false > "$log" 2>&1 || {
  grep -E ': error ' "$log" | sort -u >&2 || true
  echo "build failed; see the errors above" >&2
  exit 1
}

symbols() { # $1 = project directory, $2 = diagnostic id
  grep -F "$2: Symbol '" "$log" | grep -F "/$1/$(basename "$1").csproj" | sed -E "s/.*$2: Symbol '(.*)' is (not part|part) of the declared .*/\1/" | LC_ALL=C sort -u || true
}

for p in "${projects[@]}"; do
  added="$(symbols "$p" RS0016)"
  removed="$(symbols "$p" RS0017)"
  if [[ $mode == baseline ]]; then
    { printf '%s\n' "$header"; [[ -n $added ]] && printf '%s\n' "$added"; } > "$p/PublicAPI.Shipped.txt"
  else
    for f in "$p/PublicAPI.Shipped.txt" "$p/PublicAPI.Unshipped.txt"; do
      if [[ -n $removed ]]; then
        grep -vxF -f <(printf '%s\n' "$removed") "$f" > "$f.tmp" || true
        mv "$f.tmp" "$f"
      fi
    done
    { printf '%s\n' "$header"; { grep -vxF "$header" "$p/PublicAPI.Unshipped.txt" || true; [[ -n $added ]] && printf '%s\n' "$added"; } | LC_ALL=C sort -u; } > "$p/PublicAPI.Unshipped.txt.tmp"
    mv "$p/PublicAPI.Unshipped.txt.tmp" "$p/PublicAPI.Unshipped.txt"
  fi
  echo "$p: $(grep -cvxF "$header" "$p/PublicAPI.Shipped.txt" || true) shipped, $(grep -cvxF "$header" "$p/PublicAPI.Unshipped.txt" || true) unshipped ($(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed)"
done
