using BackupKit.Building;
using BackupKit.Local;
using BackupKit.Mapping;
using BackupKit.Model;
using BackupKit.Tests.Client;
using BackupKit.Wire;

namespace BackupKit.Tests.Posture;

/// <summary>
/// The validator and the emulator agree: every posture of the invalid corpus, replayed as AWS requests through the
/// generated client over HTTP, is refused by the emulator at the call that creates the object the validator names,
/// and every posture of the valid corpus is accepted by both. New corpus entries are covered without change here.
/// </summary>
public sealed partial class EmulatorAgreementTests : IAsyncLifetime
{
    /// <summary>
    /// Rules AWS does not judge when the object is created, with the reason: the emulator must accept the requests, as
    /// AWS does, while the validator still refuses the posture.
    /// </summary>
    private static readonly Dictionary<string, string> s_rulesAwsAccepts = new(StringComparer.Ordinal)
    {
        ["BK7001"] = "vault lock and air-gapped retention are enforced when the job runs, not by CreateBackupPlan (reference 4.6, 6.2)",
        ["BK7002"] = "a copy's retention is checked by the copy job against the destination vault, not by CreateBackupPlan (reference 4.6)",
        ["BK9101"] = "a plan failing a framework control is a compliance finding, not a refused request",
        ["BK6011"] = "an access policy's condition values are stored as written (reference 6.1); a principal that is not an ARN only never matches, which is why BackupKit refuses it",
    };

    /// <summary>Single corpus cases AWS accepts although their rule is otherwise judged at the call.</summary>
    private static readonly Dictionary<string, string> s_casesAwsAccepts = new(StringComparer.Ordinal)
    {
        ["completion window shorter than start window"] = "AWS documents no ordering between the two windows (reference 4.3); only their bounds are checked",
        ["delete after -1 days"] = "-1 is AWS's wire form for 'keep forever' (reference 4.4); a posture says KeepForever() instead",
        ["target vault not declared"] = "a cross-reference inside the posture: the vault may exist in the account, and AWS documents no check of it at CreateBackupPlan",
        ["duplicate selection"] = "AWS documents no uniqueness of selection names within a plan (reference 5); a posture needs it to tell selections apart",
    };

    /// <summary>
    /// Rules and cases whose offending value cannot be written on the wire (the request carries something else): the
    /// emulator may accept the request, and if it refuses, it must refuse the call of the object the validator names.
    /// </summary>
    private static readonly Dictionary<string, string> s_notOnTheWire = new(StringComparer.Ordinal)
    {
        ["BK2006"] = "a window with seconds: AWS takes whole minutes",
        ["BK2007"] = "a schedule preset's argument: no expression reaches AWS (a backup rule then has AWS's default, a restore testing plan none)",
        ["restore testing start window of 90 minutes"] = "StartWindowHours is whole hours on the wire",
    };

    private BackupEmulator _emulator = null!;
    private BackupClient _client = null!;

    public static TheoryData<string> InvalidCases => new(InvalidCorpus.Names);

    public static TheoryData<string> ValidCases => new(ValidCorpus.Names);

    public async Task InitializeAsync()
    {
        _emulator = await BackupEmulator.StartAsync();
        _client = TestCredentials.CreateClient(_emulator.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Invalid_posture_is_refused_by_the_validator_and_by_the_emulator_at_the_same_call(string caseName)
    {
        var (build, ruleId, path) = InvalidCorpus.Get(caseName);
        Assert.Throws<BackupPostureValidationException>(() => build().Build());

        var refusal = await ReplayAsync(build().BuildUnchecked());

        if (s_rulesAwsAccepts.ContainsKey(ruleId) || s_casesAwsAccepts.ContainsKey(caseName))
        {
            Assert.True(refusal is null, refusal is { } r ? $"'{caseName}': AWS accepts it, but the emulator refused {r.Operation} of {r.Target}: {r.Error.ErrorCode} {r.Error.Message}" : null);
            return;
        }

        if ((s_notOnTheWire.ContainsKey(ruleId) || s_notOnTheWire.ContainsKey(caseName)) && refusal is null)
        {
            return;
        }

        Assert.True(refusal is not null, $"The emulator accepted every request of '{caseName}', which the validator refuses with {ruleId} at {path}.");
        Assert.True(
            refusal.Value.Target == OwnerOf(path) || refusal.Value.Target.StartsWith(path + "[", StringComparison.Ordinal),
            $"'{caseName}': the validator refuses {path} ({ruleId}) but the emulator refused {refusal.Value.Operation} of {refusal.Value.Target}: {refusal.Value.Error.ErrorCode} {refusal.Value.Error.Message}");
        Assert.Contains(refusal.Value.Error.ErrorCode, new[]
        {
            "InvalidParameterValueException", "LimitExceededException", "MissingParameterValueException", "AlreadyExistsException", "InvalidRequestException",
        });
        Assert.Equal(400, refusal.Value.Error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public async Task Valid_posture_is_accepted_by_the_validator_and_by_the_emulator(string caseName)
    {
        var posture = ValidCorpus.Build(caseName).Build();

        var refusal = await ReplayAsync(posture);

        Assert.True(refusal is null, refusal is { } r ? $"'{caseName}': the emulator refused {r.Operation} of {r.Target}: {r.Error.ErrorCode} {r.Error.Message}" : null);
    }

    [Fact]
    public void Every_exception_names_a_rule_or_case_of_the_corpus()
    {
        var ruleIds = InvalidCorpus.Names.Select(n => InvalidCorpus.Get(n).RuleId).ToHashSet();

        Assert.All(s_rulesAwsAccepts.Keys, id => Assert.Contains(id, ruleIds));
        Assert.All(s_casesAwsAccepts.Keys, name => Assert.Contains(name, InvalidCorpus.Names));
        Assert.All(s_notOnTheWire.Keys, key => Assert.True(ruleIds.Contains(key) || InvalidCorpus.Names.Contains(key), key));
    }

    /// <summary>
    /// The object whose create call AWS refuses for a violation at <paramref name="path"/>: the deepest vault, plan,
    /// selection, restore testing plan or selection, framework or report plan the path lies in. A count over a
    /// collection (e.g. <c>plans[p].selections</c>) is refused when one element too many is created.
    /// </summary>
    private static string OwnerOf(string path) => OwnerPattern().Match(path).Value;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:plans|restoreTestingPlans)\[[^\]]*\](?:\.selections\[[^\]]*\])?|(?:vaults|frameworks|reportPlans)\[[^\]]*\])")]
    private static partial System.Text.RegularExpressions.Regex OwnerPattern();

    /// <summary>
    /// Sends the posture as the requests that create it, in dependency order, and returns the first refusal: the
    /// operation, the posture path of the object it creates, and the AWS error; <see langword="null"/> when all pass.
    /// </summary>
    private async Task<(string Operation, string Target, BackupServiceException Error)?> ReplayAsync(BackupPosture posture)
    {
        const string account = "000000000000";
        var step = (Operation: string.Empty, Target: string.Empty);
        try
        {
            foreach (var vault in posture.Vaults)
            {
                step = ("CreateBackupVault", $"vaults[{vault.Name}]");
                if (vault.LogicallyAirGapped is not null)
                {
                    await _client.CreateLogicallyAirGappedBackupVaultAsync(PostureMapping.ToCreateLogicallyAirGappedBackupVaultInput(vault));
                }
                else
                {
                    await _client.CreateBackupVaultAsync(PostureMapping.ToCreateBackupVaultInput(vault));
                }

                if (vault.Lock is { } vaultLock)
                {
                    step = ("PutBackupVaultLockConfiguration", $"vaults[{vault.Name}]");
                    await _client.PutBackupVaultLockConfigurationAsync(PostureMapping.ToPutLockInput(vault.Name, vaultLock));
                }

                if (vault.Notifications is { } notifications)
                {
                    step = ("PutBackupVaultNotifications", $"vaults[{vault.Name}]");
                    await _client.PutBackupVaultNotificationsAsync(PostureMapping.ToPutNotificationsInput(vault.Name, notifications));
                }
            }

            foreach (var plan in posture.Plans)
            {
                step = ("CreateBackupPlan", $"plans[{plan.Name}]");
                var created = await _client.CreateBackupPlanAsync(PostureMapping.ToCreateBackupPlanInput(plan));
                foreach (var selection in plan.Selections)
                {
                    step = ("CreateBackupSelection", $"plans[{plan.Name}].selections[{selection.Name}]");
                    await _client.CreateBackupSelectionAsync(PostureMapping.ToCreateBackupSelectionInput(selection, created.BackupPlanId!, account));
                }
            }

            foreach (var plan in posture.RestoreTestingPlans)
            {
                step = ("CreateRestoreTestingPlan", $"restoreTestingPlans[{plan.Name}]");
                await _client.CreateRestoreTestingPlanAsync(RestoreTestingMapping.ToCreateRestoreTestingPlanInput(plan));
                foreach (var selection in plan.Selections)
                {
                    step = ("CreateRestoreTestingSelection", $"restoreTestingPlans[{plan.Name}].selections[{selection.Name}]");
                    await _client.CreateRestoreTestingSelectionAsync(RestoreTestingMapping.ToCreateRestoreTestingSelectionInput(plan.Name, selection, account));
                }
            }

            var frameworkArns = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var framework in posture.Frameworks)
            {
                step = ("CreateFramework", $"frameworks[{framework.Name}]");
                var created = await _client.CreateFrameworkAsync(AuditMapping.ToCreateFrameworkInput(framework));
                frameworkArns[framework.Name] = created.FrameworkArn!;
            }

            foreach (var report in posture.ReportPlans)
            {
                step = ("CreateReportPlan", $"reportPlans[{report.Name}]");
                await _client.CreateReportPlanAsync(new CreateReportPlanInput
                {
                    ReportPlanName = report.Name,
                    ReportPlanDescription = report.Description,
                    ReportDeliveryChannel = AuditMapping.ToDeliveryChannel(report),
                    ReportSetting = AuditMapping.ToReportSetting(report, name => frameworkArns.TryGetValue(name, out var arn) ? arn : name),
                });
            }
        }
        catch (BackupServiceException ex)
        {
            return (step.Operation, step.Target, ex);
        }

        return null;
    }
}
