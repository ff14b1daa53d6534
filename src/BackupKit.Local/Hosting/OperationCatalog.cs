using System.Collections.Frozen;
using BackupKit.Local.Operations;
using BackupKit.Local.Routing;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Hosting;

/// <summary>
/// Every operation of the AWS Backup model, routed from the generated bindings: the implemented ones to their handlers,
/// the others to an explicit "not implemented" answer.
/// </summary>
internal static class OperationCatalog
{
    private static readonly FrozenSet<string> Names = BackupOperations.All.Select(static o => o.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the model has an operation of this name.</summary>
    public static bool IsOperation(string name) => Names.Contains(name);

    /// <summary>The names of the operations the emulator implements.</summary>
    public static IReadOnlyCollection<string> ImplementedOperations => Implemented().Keys;

    /// <summary>The route table over all operations of the model.</summary>
    public static RouteTable<IOperationEndpoint> BuildRoutes()
    {
        var implemented = Implemented();
        var routes = new List<(string, string, IOperationEndpoint)>(BackupOperations.All.Count);
        foreach (var binding in BackupOperations.All)
        {
            var endpoint = implemented.TryGetValue(binding.Name, out var handler) ? handler : new NotImplementedEndpoint(binding.Name);
            routes.Add((binding.HttpMethod, binding.UriTemplate, endpoint));
        }

        return new RouteTable<IOperationEndpoint>(routes);
    }

    private static Dictionary<string, IOperationEndpoint> Implemented()
    {
        var endpoints = new Dictionary<string, IOperationEndpoint>(StringComparer.Ordinal);
        void Add<TInput, TOutput>(OperationBinding<TInput, TOutput> binding, Func<CallContext, TInput, TOutput> handler)
            where TInput : class
            where TOutput : class
            => endpoints.Add(binding.Name, new OperationEndpoint<TInput, TOutput>(binding, handler));

        Add(BackupOperations.CreateBackupPlan, BackupPlanOperations.Create);
        Add(BackupOperations.GetBackupPlan, BackupPlanOperations.Get);
        Add(BackupOperations.UpdateBackupPlan, BackupPlanOperations.Update);
        Add(BackupOperations.DeleteBackupPlan, BackupPlanOperations.Delete);
        Add(BackupOperations.ListBackupPlans, BackupPlanOperations.List);
        Add(BackupOperations.ListBackupPlanVersions, BackupPlanOperations.ListVersions);

        Add(BackupOperations.CreateBackupSelection, BackupSelectionOperations.Create);
        Add(BackupOperations.GetBackupSelection, BackupSelectionOperations.Get);
        Add(BackupOperations.DeleteBackupSelection, BackupSelectionOperations.Delete);
        Add(BackupOperations.ListBackupSelections, BackupSelectionOperations.List);

        Add(BackupOperations.CreateBackupVault, BackupVaultOperations.Create);
        Add(BackupOperations.CreateLogicallyAirGappedBackupVault, BackupVaultOperations.CreateLogicallyAirGapped);
        Add(BackupOperations.DescribeBackupVault, BackupVaultOperations.Describe);
        Add(BackupOperations.DeleteBackupVault, BackupVaultOperations.Delete);
        Add(BackupOperations.ListBackupVaults, BackupVaultOperations.List);
        Add(BackupOperations.PutBackupVaultAccessPolicy, BackupVaultOperations.PutAccessPolicy);
        Add(BackupOperations.GetBackupVaultAccessPolicy, BackupVaultOperations.GetAccessPolicy);
        Add(BackupOperations.DeleteBackupVaultAccessPolicy, BackupVaultOperations.DeleteAccessPolicy);
        Add(BackupOperations.PutBackupVaultNotifications, BackupVaultOperations.PutNotifications);
        Add(BackupOperations.GetBackupVaultNotifications, BackupVaultOperations.GetNotifications);
        Add(BackupOperations.DeleteBackupVaultNotifications, BackupVaultOperations.DeleteNotifications);
        Add(BackupOperations.PutBackupVaultLockConfiguration, BackupVaultOperations.PutLock);
        Add(BackupOperations.DeleteBackupVaultLockConfiguration, BackupVaultOperations.DeleteLock);

        Add(BackupOperations.StartBackupJob, BackupJobOperations.Start);
        Add(BackupOperations.DescribeBackupJob, BackupJobOperations.Describe);
        Add(BackupOperations.ListBackupJobs, BackupJobOperations.List);
        Add(BackupOperations.StopBackupJob, BackupJobOperations.Stop);

        Add(BackupOperations.ListRecoveryPointsByBackupVault, RecoveryPointOperations.ListByVault);
        Add(BackupOperations.ListRecoveryPointsByResource, RecoveryPointOperations.ListByResource);
        Add(BackupOperations.DescribeRecoveryPoint, RecoveryPointOperations.Describe);
        Add(BackupOperations.DeleteRecoveryPoint, RecoveryPointOperations.Delete);
        Add(BackupOperations.UpdateRecoveryPointLifecycle, RecoveryPointOperations.UpdateLifecycle);

        Add(BackupOperations.StartCopyJob, CopyJobOperations.Start);
        Add(BackupOperations.DescribeCopyJob, CopyJobOperations.Describe);
        Add(BackupOperations.ListCopyJobs, CopyJobOperations.List);

        Add(BackupOperations.GetRecoveryPointRestoreMetadata, RestoreOperations.GetRestoreMetadata);
        Add(BackupOperations.StartRestoreJob, RestoreOperations.Start);
        Add(BackupOperations.DescribeRestoreJob, RestoreOperations.Describe);
        Add(BackupOperations.ListRestoreJobs, RestoreOperations.List);
        Add(BackupOperations.ListRestoreJobsByProtectedResource, RestoreOperations.ListByProtectedResource);
        Add(BackupOperations.ListProtectedResources, RestoreOperations.ListProtected);
        Add(BackupOperations.ListProtectedResourcesByBackupVault, RestoreOperations.ListProtectedByVault);
        Add(BackupOperations.DescribeProtectedResource, RestoreOperations.DescribeProtected);

        Add(BackupOperations.CreateLegalHold, LegalHoldOperations.Create);
        Add(BackupOperations.GetLegalHold, LegalHoldOperations.Get);
        Add(BackupOperations.ListLegalHolds, LegalHoldOperations.List);
        Add(BackupOperations.CancelLegalHold, LegalHoldOperations.Cancel);
        Add(BackupOperations.ListRecoveryPointsByLegalHold, LegalHoldOperations.ListRecoveryPoints);

        Add(BackupOperations.GetSupportedResourceTypes, ResourceTypes.GetSupported);

        Add(BackupOperations.GetRestoreJobMetadata, RestoreOperations.GetJobMetadata);
        Add(BackupOperations.PutRestoreValidationResult, RestoreOperations.PutValidationResult);
        Add(BackupOperations.CreateRestoreTestingPlan, RestoreTestingOperations.CreatePlan);
        Add(BackupOperations.GetRestoreTestingPlan, RestoreTestingOperations.GetPlan);
        Add(BackupOperations.ListRestoreTestingPlans, RestoreTestingOperations.ListPlans);
        Add(BackupOperations.UpdateRestoreTestingPlan, RestoreTestingOperations.UpdatePlan);
        Add(BackupOperations.DeleteRestoreTestingPlan, RestoreTestingOperations.DeletePlan);
        Add(BackupOperations.CreateRestoreTestingSelection, RestoreTestingOperations.CreateSelection);
        Add(BackupOperations.GetRestoreTestingSelection, RestoreTestingOperations.GetSelection);
        Add(BackupOperations.ListRestoreTestingSelections, RestoreTestingOperations.ListSelections);
        Add(BackupOperations.UpdateRestoreTestingSelection, RestoreTestingOperations.UpdateSelection);
        Add(BackupOperations.DeleteRestoreTestingSelection, RestoreTestingOperations.DeleteSelection);
        Add(BackupOperations.GetRestoreTestingInferredMetadata, RestoreTestingOperations.InferredMetadata);

        Add(BackupOperations.CreateFramework, FrameworkOperations.Create);
        Add(BackupOperations.DescribeFramework, FrameworkOperations.Describe);
        Add(BackupOperations.ListFrameworks, FrameworkOperations.List);
        Add(BackupOperations.UpdateFramework, FrameworkOperations.Update);
        Add(BackupOperations.DeleteFramework, FrameworkOperations.Delete);
        Add(BackupOperations.CreateReportPlan, ReportPlanOperations.Create);
        Add(BackupOperations.DescribeReportPlan, ReportPlanOperations.Describe);
        Add(BackupOperations.ListReportPlans, ReportPlanOperations.List);
        Add(BackupOperations.UpdateReportPlan, ReportPlanOperations.Update);
        Add(BackupOperations.DeleteReportPlan, ReportPlanOperations.Delete);
        Add(BackupOperations.StartReportJob, ReportPlanOperations.StartJob);
        Add(BackupOperations.DescribeReportJob, ReportPlanOperations.DescribeJob);
        Add(BackupOperations.ListReportJobs, ReportPlanOperations.ListJobs);

        Add(BackupOperations.ListBackupPlanTemplates, BackupPlanTemplateOperations.List);
        Add(BackupOperations.GetBackupPlanFromTemplate, BackupPlanTemplateOperations.GetFromTemplate);
        Add(BackupOperations.GetBackupPlanFromJSON, BackupPlanTemplateOperations.GetFromJson);
        Add(BackupOperations.ExportBackupPlanTemplate, BackupPlanTemplateOperations.Export);

        Add(BackupOperations.ListBackupJobSummaries, JobSummaryOperations.ListBackup);
        Add(BackupOperations.ListCopyJobSummaries, JobSummaryOperations.ListCopy);
        Add(BackupOperations.ListRestoreJobSummaries, JobSummaryOperations.ListRestore);
        Add(BackupOperations.DescribeRegionSettings, SettingsOperations.DescribeRegion);
        Add(BackupOperations.UpdateRegionSettings, SettingsOperations.UpdateRegion);
        Add(BackupOperations.DescribeGlobalSettings, SettingsOperations.DescribeGlobal);
        Add(BackupOperations.UpdateGlobalSettings, SettingsOperations.UpdateGlobal);
        Add(BackupOperations.DisassociateRecoveryPoint, RecoveryPointOperations.Disassociate);
        Add(BackupOperations.DisassociateRecoveryPointFromParent, RecoveryPointOperations.DisassociateFromParent);

        Add(BackupOperations.CreateTieringConfiguration, TieringConfigurationOperations.Create);
        Add(BackupOperations.GetTieringConfiguration, TieringConfigurationOperations.Get);
        Add(BackupOperations.UpdateTieringConfiguration, TieringConfigurationOperations.Update);
        Add(BackupOperations.DeleteTieringConfiguration, TieringConfigurationOperations.Delete);
        Add(BackupOperations.ListTieringConfigurations, TieringConfigurationOperations.List);

        Add(BackupOperations.TagResource, TagOperations.Tag);
        Add(BackupOperations.UntagResource, TagOperations.Untag);
        Add(BackupOperations.ListTags, TagOperations.List);
        return endpoints;
    }
}
