using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

/// <summary>
/// Region settings (resource-type opt-in and full-management preferences, per account and Region) and the global
/// settings of the emulated AWS Organizations organization. Opt-in is real: scheduled backups skip resources of an
/// opted-out type that the selection picks by tag or by a service-wide pattern (<see cref="SelectionMatcher"/>).
/// </summary>
internal static class SettingsOperations
{
    public static DescribeRegionSettingsOutput DescribeRegion(CallContext call, DescribeRegionSettingsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            return new DescribeRegionSettingsOutput
            {
                ResourceTypeOptInPreference = new Dictionary<string, bool>(state.Settings.OptIn, StringComparer.Ordinal),
                ResourceTypeManagementPreference = new Dictionary<string, bool>(state.Settings.Management, StringComparer.Ordinal),
            };
        }
    }

    public static EmptyOutput UpdateRegion(CallContext call, UpdateRegionSettingsInput input)
    {
        if (input.ResourceTypeOptInPreference is not { Count: > 0 } && input.ResourceTypeManagementPreference is not { Count: > 0 })
        {
            throw BackupApiError.MissingParameter("UpdateRegionSettings needs ResourceTypeOptInPreference or ResourceTypeManagementPreference with at least one resource type.");
        }

        foreach (var type in input.ResourceTypeOptInPreference?.Keys ?? Enumerable.Empty<string>())
        {
            if (!ResourceTypes.Supported.Contains(type))
            {
                throw BackupApiError.InvalidParameter(
                    $"ResourceTypeOptInPreference names '{type}', which is not a resource type AWS Backup supports; use one of: {string.Join(", ", ResourceTypes.Supported)} (GetSupportedResourceTypes).");
            }
        }

        foreach (var type in input.ResourceTypeManagementPreference?.Keys ?? Enumerable.Empty<string>())
        {
            if (!State.RegionSettings.DefaultManagement.ContainsKey(type))
            {
                throw BackupApiError.InvalidParameter(
                    $"ResourceTypeManagementPreference names '{type}'; full AWS Backup management can only be set for {string.Join(" and ", State.RegionSettings.DefaultManagement.Keys)}.");
            }
        }

        var state = call.State;
        lock (state.Gate)
        {
            // Runs that were due before the change use the settings they had then.
            BackupJobEngine.Advance(state, call.Now);
            foreach (var (type, optedIn) in input.ResourceTypeOptInPreference ?? [])
            {
                state.Settings.OptIn[type] = optedIn;
            }

            foreach (var (type, managed) in input.ResourceTypeManagementPreference ?? [])
            {
                state.Settings.Management[type] = managed;
            }

            return EmptyOutput.Instance;
        }
    }

    public static DescribeGlobalSettingsOutput DescribeGlobal(CallContext call, DescribeGlobalSettingsInput input)
    {
        // Every emulated account is a member of the emulated organization, so no account gets the error AWS answers outside one.
        var global = call.Emulator.Global;
        return new DescribeGlobalSettingsOutput { GlobalSettings = global.Snapshot(), LastUpdateTime = global.LastUpdateTime };
    }

    public static EmptyOutput UpdateGlobal(CallContext call, UpdateGlobalSettingsInput input)
    {
        var global = call.Emulator.Global;
        if (call.AccountId != global.ManagementAccountId)
        {
            throw BackupApiError.InvalidRequest(
                $"Account {call.AccountId} is not the management account of its organization ({global.ManagementAccountId}); only the management account can update global settings.");
        }

        if (input.GlobalSettings is not { Count: > 0 } settings)
        {
            throw BackupApiError.MissingParameter("UpdateGlobalSettings needs GlobalSettings, for example {\"isCrossAccountBackupEnabled\": \"true\"}.");
        }

        foreach (var (key, value) in settings)
        {
            if (key is not (State.GlobalSettings.CrossAccountBackup or State.GlobalSettings.MultiPartyApproval or State.GlobalSettings.DelegatedAdministrator))
            {
                throw BackupApiError.InvalidParameter(
                    $"GlobalSettings has '{key}'; the settings are {State.GlobalSettings.CrossAccountBackup}, {State.GlobalSettings.MultiPartyApproval} and {State.GlobalSettings.DelegatedAdministrator}.");
            }

            if (value is not ("true" or "false"))
            {
                throw BackupApiError.InvalidParameter($"GlobalSettings '{key}' is '{value}'; use \"true\" or \"false\".");
            }
        }

        global.Update(settings, call.Now);
        return EmptyOutput.Instance;
    }
}
