#!/usr/bin/env bash
# What BackupKit's analyzers cost a real `dotnet build`.
#
# Packs BackupKit (library + analyzers) into a local feed, generates a net10.0 project of 1,000 ordinary files plus
# 50 files that declare postures with BackupKit's builders, consumes the packed package, and builds it in
# interleaved pairs: BackupKit's analyzers removed (-p:BackupKitAnalyzers=false, the package's own switch) and kept,
# alternating which goes first. Every build starts from a cold compiler (`dotnet build-server shutdown`) and is a full
# rebuild with the compiler's analyzer report (-p:ReportAnalyzer=true -v:d) so both sides pay the same logging.
#
# Prints each pair, the median wall ratio (kept / removed) and, for every build with the analyzers kept, the total
# analyzer time and BackupKit's share; then the per-analyzer report of the median build.
#
# Usage: benchmarks/analyzer-build-cost/run.sh [pairs=5] [plain-files=1000] [posture-files=50]
#   KEEP_WORK=1 keeps the generated project and logs (path printed at the end).
set -euo pipefail
pairs=${1:-5}
plain=${2:-1000}
postures=${3:-50}
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

# One cold, full build; prints its wall time in seconds and leaves the detailed log in $2.
build() {
  local kept=$1 log=$2
  dotnet build-server shutdown >/dev/null 2>&1 || true
  local start end
  start=$(date +%s.%N)
  dotnet build "$project/App.csproj" --no-restore --no-incremental -m:1 -nologo -v:d \
    -p:ReportAnalyzer=true -p:BackupKitAnalyzers="$kept" >"$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

# Total analyzer seconds and BackupKit's seconds from a -v:d log with the compiler's analyzer report.
report() {
  awk '
    /Total analyzer execution time:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { total = $i; break } }
    /BackupKit\.Analyzers, Version=/ && kit == "" { kit = $1 }
    END { if (kit == "") kit = 0; printf "%s %s\n", total, kit }' "$1"
}

echo "generated $((plain + postures)) files ($postures declare postures); $pairs interleaved pairs, cold compiler each build"
printf "%-5s %-10s %-10s %-7s %-14s %s\n" pair removed kept ratio analyzers BackupKit
ratios=()
shares=()
for p in $(seq 1 "$pairs"); do
  if [ $((p % 2)) -eq 1 ]; then
    off=$(build false "$work/off$p.log"); on=$(build true "$work/on$p.log")
  else
    on=$(build true "$work/on$p.log"); off=$(build false "$work/off$p.log")
  fi
  read -r total kit < <(report "$work/on$p.log")
  ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }')
  share=$(awk -v k="$kit" -v t="$total" 'BEGIN { printf "%.1f", (t > 0 ? 100 * k / t : 0) }')
  ratios+=("$ratio")
  shares+=("$share:$p")
  printf "%-5s %-10s %-10s %-7s %-14s %s\n" "$p" "${off}s" "${on}s" "$ratio" "${total}s" "${kit}s (${share} %)"
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median wall ratio (kept / removed): $(printf '%s\n' "${ratios[@]}" | median)   range $(printf '%s\n' "${ratios[@]}" | sort -g | head -1)-$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)"
echo "median BackupKit share of analyzer time: $(printf '%s\n' "${shares[@]%%:*}" | median) %"

# The per-analyzer report of the build with the median share.
mid=$(printf '%s\n' "${shares[@]}" | sort -t: -k1,1g | sed -n "$(( (pairs + 1) / 2 ))p" | cut -d: -f2)
echo
echo "compiler's analyzer report, pair $mid (analyzers kept):"
# Every analyzer of 5 ms or more, and every BackupKit line.
awk '/Total analyzer execution time:/ { on = 1; sub(/^ +/, "  "); print; next }
     on && /^ *(Time|[0-9])/ && ($1 == "Time" || $1 + 0 >= 0.005 || /BackupKit/) { sub(/^ +/, "  "); print }
     on && /Generator$|error|warning|Done executing task/ { exit }' "$work/on$mid.log"
if [ "${KEEP_WORK:-0}" = "1" ]; then echo "work kept in $work"; fi
