#!/usr/bin/env bash
# What BackupKit's analyzers cost a real `dotnet build`.
#
# Packs BackupKit (library + analyzers) into a local feed, generates a net10.0 project of 1,000 ordinary files plus
# 50 files that declare postures with BackupKit's builders, consumes the packed package, and builds it in
# interleaved pairs: BackupKit's analyzers removed (-p:BackupKitAnalyzers=false, the package's own switch) and kept,
# alternating which goes first. Every build is a full rebuild by a cold compiler: build servers shut down, and the
# compiler run as its own process (-p:UseSharedCompilation=false), so that its CPU time is counted with the build's.
# The timed pairs build plainly (-v:q): the compiler's analyzer report times every analyzer callback, which costs the
# side with more analyzers more, so it is taken from separate builds afterwards.
#
# Prints each pair with wall and CPU (user + system) seconds, the median wall and CPU ratios (kept / removed); then,
# from report builds with the analyzers kept (-p:ReportAnalyzer=true -v:d), the total analyzer time and BackupKit's
# share of it, and the per-analyzer report of the median one.
#
# Usage: benchmarks/analyzer-build-cost/run.sh [pairs=5] [plain-files=1000] [posture-files=50] [report-builds=3]
#   KEEP_WORK=1 keeps the generated project and logs (path printed at the end).
set -euo pipefail
pairs=${1:-5}
plain=${2:-1000}
postures=${3:-50}
reports=${4:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
if [ "${KEEP_WORK:-0}" != "1" ]; then trap 'rm -rf "$work"' EXIT; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A version of its own so that the global package cache never serves an older BackupKit.
version="0.0.0-buildcost.$(date +%s)"
echo "packing BackupKit $version ..."
dotnet pack "$root/src/BackupKit/BackupKit.csproj" -c Release -o "$work/feed" -p:PackageVersion="$version" -m:1 -v:q -nologo >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; exit 1; }

project="$work/app"
mkdir -p "$project"
cat > "$project/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG
cat > "$project/App.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
    <RestoreAdditionalProjectFallbackFolders>\$(NuGetPackageRoot)</RestoreAdditionalProjectFallbackFolders>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="BackupKit" Version="$version" />
  </ItemGroup>
</Project>
PROJ

for i in $(seq 0 $((postures - 1))); do
  cat > "$project/Posture$i.cs" <<CS
using BackupKit.Model;
namespace App.Backup$i;
public static class Posture$i
{
    public static BackupPosture Build() => BackupPosture.Create()
        .AddVault("primary-$i", v => v.Lock(l => l.Governance().MinRetention(Retention.Days(7)).MaxRetention(Retention.Days(3650))))
        .AddPlan("plan-$i", p => p
            .AddRule("daily", r => r.Daily(new TimeOnly(5, 0)).InVault("primary-$i").StartWithin(TimeSpan.FromHours(1)).DeleteAfter(Retention.Days(35)).CopyTo("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr", c => c.DeleteAfter(Retention.Days(35))))
            .AddRule("monthly", r => r.Monthly(1, new TimeOnly(5, 0)).InVault("primary-$i").MoveToColdStorageAfter(Retention.Days(30)).DeleteAfter(Retention.Days(365)))
            .Select("tagged", s => s.WhereTag("backup", "daily")))
        .Build();
}
CS
done
# Ordinary application code: records, LINQ, async, string comparisons, pattern matching, collections; names such as
# Add, Select, Build, Test and Include that BackupKit's builders also use.
for i in $(seq 0 $((plain - 1))); do
  cat > "$project/File$i.cs" <<CS
namespace App.Code$((i % 40));
public sealed record Order$i(Guid Id, string Customer, decimal Amount, DateTimeOffset PlacedAt);
public sealed class OrderService$i
{
    private readonly Dictionary<Guid, Order$i> _orders = new();
    private readonly List<string> _log = new();
    public void Add(Order$i order) { _orders[order.Id] = order; _log.Add(order.Customer); }
    public IReadOnlyList<Order$i> Largest(int count) => _orders.Values.OrderByDescending(o => o.Amount).ThenBy(o => o.PlacedAt).Take(count).ToList();
    public IEnumerable<string> Customers() => _orders.Values.Select(o => o.Customer).Where(c => c.Length > 0).Distinct();
    public string Build() => string.Join(",", _log.Select(l => l.Trim()));
    public bool Test(Order$i order) => _orders.ContainsKey(order.Id) && _log.Contains(order.Customer);
    public async Task<decimal> TotalAsync(string customer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        decimal total = 0;
        foreach (var order in _orders.Values) { if (string.Equals(order.Customer, customer, StringComparison.Ordinal)) total += order.Amount; }
        return total;
    }
    public string Describe(Order$i order) => order.Amount switch { > 1000m => \$"large {order.Id}", > 100m => "medium", _ => "small" };
    public TimeSpan Age(Order$i order, DateTimeOffset now) => now - order.PlacedAt > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : now - order.PlacedAt;
}
CS
done

dotnet restore "$project/App.csproj" -v:q -nologo >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; exit 1; }

# One cold, full build: prints "wall cpu" in seconds (cpu = user + system of the build and its compiler process).
# $1: keep BackupKit's analyzers (true/false); $2: log file; further arguments go to dotnet build.
build() {
  local kept=$1 log=$2
  shift 2
  dotnet build-server shutdown >/dev/null 2>&1 || true
  # bash's own `time` counts the user and system time of every process the build waited for, the compiler included.
  local TIMEFORMAT='%R %U %S'
  { time dotnet build "$project/App.csproj" --no-restore --no-incremental -m:1 -nodeReuse:false -nologo \
      -p:UseSharedCompilation=false -p:BackupKitAnalyzers="$kept" "$@" >"$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }; } 2>"$log.time"
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$log.time"
}

# Total analyzer seconds and BackupKit's seconds from a -v:d log with the compiler's analyzer report.
report() {
  awk '
    /Total analyzer execution time:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { total = $i; break } }
    /BackupKit\.Analyzers, Version=/ && kit == "" { kit = $1 }
    END { if (kit == "") kit = 0; printf "%s %s\n", total, kit }' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }

echo "generated $((plain + postures)) files ($postures declare postures); $pairs interleaved pairs, cold compiler each build"
printf "%-5s %-22s %-22s %-11s %s\n" pair "removed wall / cpu" "kept wall / cpu" "wall ratio" "cpu ratio"
walls=()
cpus=()
for p in $(seq 1 "$pairs"); do
  if [ $((p % 2)) -eq 1 ]; then
    read -r offw offc < <(build false "$work/off$p.log" -v:q); read -r onw onc < <(build true "$work/on$p.log" -v:q)
  else
    read -r onw onc < <(build true "$work/on$p.log" -v:q); read -r offw offc < <(build false "$work/off$p.log" -v:q)
  fi
  wall=$(awk -v a="$onw" -v b="$offw" 'BEGIN { printf "%.3f", a / b }')
  cpu=$(awk -v a="$onc" -v b="$offc" 'BEGIN { printf "%.3f", a / b }')
  walls+=("$wall")
  cpus+=("$cpu")
  printf "%-5s %-22s %-22s %-11s %s\n" "$p" "${offw}s / ${offc}s" "${onw}s / ${onc}s" "$wall" "$cpu"
done
echo "median wall ratio (kept / removed): $(printf '%s\n' "${walls[@]}" | median)   range $(printf '%s\n' "${walls[@]}" | range)"
echo "median CPU ratio (kept / removed):  $(printf '%s\n' "${cpus[@]}" | median)   range $(printf '%s\n' "${cpus[@]}" | range)"

echo
echo "$reports report builds, analyzers kept (-p:ReportAnalyzer=true -v:d):"
shares=()
for r in $(seq 1 "$reports"); do
  build true "$work/report$r.log" -v:d -p:ReportAnalyzer=true >/dev/null
  read -r total kit < <(report "$work/report$r.log")
  share=$(awk -v k="$kit" -v t="$total" 'BEGIN { printf "%.1f", (t > 0 ? 100 * k / t : 0) }')
  shares+=("$share:$r")
  echo "  build $r: analyzers ${total}s, BackupKit ${kit}s (${share} %)"
done
echo "median BackupKit share of analyzer time: $(printf '%s\n' "${shares[@]%%:*}" | median) %"

# The per-analyzer report of the build with the median share.
mid=$(printf '%s\n' "${shares[@]}" | sort -t: -k1,1g | sed -n "$(( (reports + 1) / 2 ))p" | cut -d: -f2)
echo
echo "compiler's analyzer report, report build $mid:"
# Every analyzer of 5 ms or more, and every BackupKit line.
awk '/Total analyzer execution time:/ { on = 1; sub(/^ +/, "  "); print; next }
     on && /^ *(Time|[0-9])/ && ($1 == "Time" || $1 + 0 >= 0.005 || /BackupKit/) { sub(/^ +/, "  "); print }
     on && /Generator$|error|warning|Done executing task/ { exit }' "$work/report$mid.log"
if [ "${KEEP_WORK:-0}" = "1" ]; then echo "work kept in $work"; fi
