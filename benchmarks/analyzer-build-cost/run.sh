#!/usr/bin/env bash
# Measures BackupKit's analyzers inside a real `dotnet build` of a generated 1,000-file project (50 files declare
# postures), with the compiler's own analyzer report (-p:ReportAnalyzer=true). Prints the build's wall time, the
# compiler's total analyzer time and the BackupKit analyzers' share.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/BackupKit/BackupKit.csproj" -c Release -f net10.0 -v:q -nologo >/dev/null
kit="$root/src/BackupKit/bin/Release/net10.0/BackupKit.dll"
analyzers="$root/analyzers/BackupKit.Analyzers/bin/Release/netstandard2.0/BackupKit.Analyzers.dll"

cat > "$work/Big.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup>
    <Reference Include="BackupKit" HintPath="$kit" />
    <Analyzer Include="$analyzers" />
  </ItemGroup>
</Project>
PROJ
for i in $(seq 0 999); do
  if [ "$i" -lt 50 ]; then
    cat > "$work/File$i.cs" <<CS
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
  else
    cat > "$work/File$i.cs" <<CS
namespace App.Code$((i % 40));
public sealed record Order$i(Guid Id, string Customer, decimal Amount, DateTimeOffset PlacedAt);
public sealed class OrderService$i
{
    private readonly Dictionary<Guid, Order$i> _orders = new();
    public void Add(Order$i order) => _orders[order.Id] = order;
    public IReadOnlyList<Order$i> Largest(int count) => _orders.Values.OrderByDescending(o => o.Amount).ThenBy(o => o.PlacedAt).Take(count).ToList();
    public async Task<decimal> TotalAsync(string customer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        decimal total = 0;
        foreach (var order in _orders.Values) { if (string.Equals(order.Customer, customer, StringComparison.Ordinal)) total += order.Amount; }
        return total;
    }
    public string Describe(Order$i order) => order.Amount switch { > 1000m => \$"large {order.Id}", > 100m => "medium", _ => "small" };
}
CS
  fi
done

dotnet restore "$work/Big.csproj" -v:q -nologo >/dev/null
start=$(date +%s.%N)
dotnet build "$work/Big.csproj" --no-restore --no-incremental -p:ReportAnalyzer=true -v:d -nologo > "$work/build.log"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "build wall time: %.2f s\n", e - s }'
grep -E "Total analyzer execution time" "$work/build.log" | sed "s/^ *//" | head -1
grep -A20 "BackupKit.Analyzers, Version" "$work/build.log" | grep -E "BackupKit" | sed "s/^ *//" | head -20
