using System.Collections.Frozen;
using BackupKit.Local.Operations;
using BackupKit.Local.Routing;
using BackupKit.Wire;
using BackupKit.Local.Protocol;

namespace BackupKit.Local.Hosting;

/// <summary>
/// Every operation of the AWS Backup model, routed from the generated bindings: the implemented ones to their handlers,
/// the others to an explicit "not implemented" answer.
/// </summary>
internal static class OperationCatalog
{
    private static readonly FrozenSet<string> Names = ServerOperations.All.Select(static o => o.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the model has an operation of this name.</summary>
    public static bool IsOperation(string name) => Names.Contains(name);

    /// <summary>The names of the operations the emulator implements.</summary>
    public static IReadOnlyCollection<string> ImplementedOperations => Implemented().Keys;

    /// <summary>The route table over all operations of the model.</summary>
    public static RouteTable<IOperationEndpoint> BuildRoutes()
    {
        var implemented = Implemented();
        var routes = new List<(string, string, IOperationEndpoint)>(ServerOperations.All.Count);
        foreach (var binding in ServerOperations.All)
        {
            var endpoint = implemented.TryGetValue(binding.Name, out var handler) ? handler : new NotImplementedEndpoint(binding.Name);
            routes.Add((binding.HttpMethod, binding.UriTemplate, endpoint));
        }

        return new RouteTable<IOperationEndpoint>(routes);
    }

    private static Dictionary<string, IOperationEndpoint> Implemented()
    {
        var endpoints = new Dictionary<string, IOperationEndpoint>(StringComparer.Ordinal);
        void Add<TInput, TOutput>(ServerBinding<TInput, TOutput> binding, Func<CallContext, TInput, TOutput> handler)
            where TInput : class
            where TOutput : class
            => endpoints.Add(binding.Name, new OperationEndpoint<TInput, TOutput>(binding, handler));

        Add(ServerOperations.CreateBackupPlan, BackupPlanOperations.Create);
        Add(ServerOperations.GetBackupPlan, BackupPlanOperations.Get);
        Add(ServerOperations.UpdateBackupPlan, BackupPlanOperations.Update);
        Add(ServerOperations.DeleteBackupPlan, BackupPlanOperations.Delete);
        Add(ServerOperations.ListBackupPlans, BackupPlanOperations.List);
        Add(ServerOperations.ListBackupPlanVersions, BackupPlanOperations.ListVersions);

        Add(ServerOperations.CreateBackupSelection, BackupSelectionOperations.Create);
        Add(ServerOperations.GetBackupSelection, BackupSelectionOperations.Get);
        Add(ServerOperations.DeleteBackupSelection, BackupSelectionOperations.Delete);
        Add(ServerOperations.ListBackupSelections, BackupSelectionOperations.List);

        Add(ServerOperations.CreateBackupVault, BackupVaultOperations.Create);
        Add(ServerOperations.CreateLogicallyAirGappedBackupVault, BackupVaultOperations.CreateLogicallyAirGapped);
        Add(ServerOperations.DescribeBackupVault, BackupVaultOperations.Describe);
        Add(ServerOperations.DeleteBackupVault, BackupVaultOperations.Delete);
        Add(ServerOperations.ListBackupVaults, BackupVaultOperations.List);
        Add(ServerOperations.PutBackupVaultAccessPolicy, BackupVaultOperations.PutAccessPolicy);
        Add(ServerOperations.GetBackupVaultAccessPolicy, BackupVaultOperations.GetAccessPolicy);
        Add(ServerOperations.DeleteBackupVaultAccessPolicy, BackupVaultOperations.DeleteAccessPolicy);
        Add(ServerOperations.PutBackupVaultNotifications, BackupVaultOperations.PutNotifications);
        Add(ServerOperations.GetBackupVaultNotifications, BackupVaultOperations.GetNotifications);
        Add(ServerOperations.DeleteBackupVaultNotifications, BackupVaultOperations.DeleteNotifications);
        Add(ServerOperations.PutBackupVaultLockConfiguration, BackupVaultOperations.PutLock);
        Add(ServerOperations.DeleteBackupVaultLockConfiguration, BackupVaultOperations.DeleteLock);

        Add(ServerOperations.StartBackupJob, BackupJobOperations.Start);
        Add(ServerOperations.DescribeBackupJob, BackupJobOperations.Describe);
        Add(ServerOperations.ListBackupJobs, BackupJobOperations.List);
        Add(ServerOperations.StopBackupJob, BackupJobOperations.Stop);

        Add(ServerOperations.ListRecoveryPointsByBackupVault, RecoveryPointOperations.ListByVault);
        Add(ServerOperations.ListRecoveryPointsByResource, RecoveryPointOperations.ListByResource);
        Add(ServerOperations.DescribeRecoveryPoint, RecoveryPointOperations.Describe);
        Add(ServerOperations.DeleteRecoveryPoint, RecoveryPointOperations.Delete);
        Add(ServerOperations.UpdateRecoveryPointLifecycle, RecoveryPointOperations.UpdateLifecycle);

        Add(ServerOperations.StartCopyJob, CopyJobOperations.Start);
        Add(ServerOperations.DescribeCopyJob, CopyJobOperations.Describe);
        Add(ServerOperations.ListCopyJobs, CopyJobOperations.List);

        Add(ServerOperations.GetRecoveryPointRestoreMetadata, RestoreOperations.GetRestoreMetadata);
        Add(ServerOperations.StartRestoreJob, RestoreOperations.Start);
        Add(ServerOperations.DescribeRestoreJob, RestoreOperations.Describe);
        Add(ServerOperations.ListRestoreJobs, RestoreOperations.List);
        Add(ServerOperations.ListRestoreJobsByProtectedResource, RestoreOperations.ListByProtectedResource);
        Add(ServerOperations.ListProtectedResources, RestoreOperations.ListProtected);
        Add(ServerOperations.ListProtectedResourcesByBackupVault, RestoreOperations.ListProtectedByVault);
        Add(ServerOperations.DescribeProtectedResource, RestoreOperations.DescribeProtected);

        Add(ServerOperations.CreateLegalHold, LegalHoldOperations.Create);
        Add(ServerOperations.GetLegalHold, LegalHoldOperations.Get);
        Add(ServerOperations.ListLegalHolds, LegalHoldOperations.List);
        Add(ServerOperations.CancelLegalHold, LegalHoldOperations.Cancel);
        Add(ServerOperations.ListRecoveryPointsByLegalHold, LegalHoldOperations.ListRecoveryPoints);

        Add(ServerOperations.GetSupportedResourceTypes, ResourceTypes.GetSupported);

        Add(ServerOperations.GetRestoreJobMetadata, RestoreOperations.GetJobMetadata);
        Add(ServerOperations.PutRestoreValidationResult, RestoreOperations.PutValidationResult);
        Add(ServerOperations.CreateRestoreTestingPlan, RestoreTestingOperations.CreatePlan);
        Add(ServerOperations.GetRestoreTestingPlan, RestoreTestingOperations.GetPlan);
        Add(ServerOperations.ListRestoreTestingPlans, RestoreTestingOperations.ListPlans);
        Add(ServerOperations.UpdateRestoreTestingPlan, RestoreTestingOperations.UpdatePlan);
        Add(ServerOperations.DeleteRestoreTestingPlan, RestoreTestingOperations.DeletePlan);
        Add(ServerOperations.CreateRestoreTestingSelection, RestoreTestingOperations.CreateSelection);
        Add(ServerOperations.GetRestoreTestingSelection, RestoreTestingOperations.GetSelection);
        Add(ServerOperations.ListRestoreTestingSelections, RestoreTestingOperations.ListSelections);
        Add(ServerOperations.UpdateRestoreTestingSelection, RestoreTestingOperations.UpdateSelection);
        Add(ServerOperations.DeleteRestoreTestingSelection, RestoreTestingOperations.DeleteSelection);
        Add(ServerOperations.GetRestoreTestingInferredMetadata, RestoreTestingOperations.InferredMetadata);

        Add(ServerOperations.CreateFramework, FrameworkOperations.Create);
        Add(ServerOperations.DescribeFramework, FrameworkOperations.Describe);
        Add(ServerOperations.ListFrameworks, FrameworkOperations.List);
        Add(ServerOperations.UpdateFramework, FrameworkOperations.Update);
        Add(ServerOperations.DeleteFramework, FrameworkOperations.Delete);
        Add(ServerOperations.CreateReportPlan, ReportPlanOperations.Create);
        Add(ServerOperations.DescribeReportPlan, ReportPlanOperations.Describe);
        Add(ServerOperations.ListReportPlans, ReportPlanOperations.List);
        Add(ServerOperations.UpdateReportPlan, ReportPlanOperations.Update);
        Add(ServerOperations.DeleteReportPlan, ReportPlanOperations.Delete);
        Add(ServerOperations.StartReportJob, ReportPlanOperations.StartJob);
        Add(ServerOperations.DescribeReportJob, ReportPlanOperations.DescribeJob);
        Add(ServerOperations.ListReportJobs, ReportPlanOperations.ListJobs);

        Add(ServerOperations.ListBackupPlanTemplates, BackupPlanTemplateOperations.List);
        Add(ServerOperations.GetBackupPlanFromTemplate, BackupPlanTemplateOperations.GetFromTemplate);
        Add(ServerOperations.GetBackupPlanFromJSON, BackupPlanTemplateOperations.GetFromJson);
        Add(ServerOperations.ExportBackupPlanTemplate, BackupPlanTemplateOperations.Export);

        Add(ServerOperations.ListBackupJobSummaries, JobSummaryOperations.ListBackup);
        Add(ServerOperations.ListCopyJobSummaries, JobSummaryOperations.ListCopy);
        Add(ServerOperations.ListRestoreJobSummaries, JobSummaryOperations.ListRestore);
        Add(ServerOperations.DescribeRegionSettings, SettingsOperations.DescribeRegion);
        Add(ServerOperations.UpdateRegionSettings, SettingsOperations.UpdateRegion);
        Add(ServerOperations.DescribeGlobalSettings, SettingsOperations.DescribeGlobal);
        Add(ServerOperations.UpdateGlobalSettings, SettingsOperations.UpdateGlobal);
        Add(ServerOperations.DisassociateRecoveryPoint, RecoveryPointOperations.Disassociate);
        Add(ServerOperations.DisassociateRecoveryPointFromParent, RecoveryPointOperations.DisassociateFromParent);

        Add(ServerOperations.CreateTieringConfiguration, TieringConfigurationOperations.Create);
        Add(ServerOperations.GetTieringConfiguration, TieringConfigurationOperations.Get);
        Add(ServerOperations.UpdateTieringConfiguration, TieringConfigurationOperations.Update);
        Add(ServerOperations.DeleteTieringConfiguration, TieringConfigurationOperations.Delete);
        Add(ServerOperations.ListTieringConfigurations, TieringConfigurationOperations.List);

        Add(ServerOperations.TagResource, TagOperations.Tag);
        Add(ServerOperations.UntagResource, TagOperations.Untag);
        Add(ServerOperations.ListTags, TagOperations.List);
        return endpoints;
    }
}
