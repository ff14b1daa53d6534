using System.Text.Json;
using BackupKit.Local.Hosting;
using BackupKit.Local.Protocol;
using BackupKit.Local.State;
using BackupKit.Wire;
using BackupKit.Wire.Protocol;

namespace BackupKit.Local.Operations;

// Vault notifications: put (an SNS topic ARN and events), get, delete.
internal static partial class BackupVaultOperations
{
    public static EmptyOutput PutNotifications(CallContext call, PutBackupVaultNotificationsInput input)
    {
        var topic = input.SNSTopicArn!;
        RequestRules.CheckNotifications(topic, [.. input.BackupVaultEvents!.Select(static e => e.Value)]);

        var events = new List<string>(input.BackupVaultEvents!.Count);
        foreach (var e in input.BackupVaultEvents)
        {
            if (!events.Contains(e.Value))
            {
                events.Add(e.Value);
            }
        }

        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).Notifications = new VaultNotificationRecord(topic, events);
            return EmptyOutput.Instance;
        }
    }

    public static GetBackupVaultNotificationsOutput GetNotifications(CallContext call, GetBackupVaultNotificationsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            var vault = Find(state, input.BackupVaultName!);
            if (vault.Notifications is not { } notifications)
            {
                throw BackupApiError.NotFound($"Backup vault '{vault.Name}' has no notification configuration.");
            }

            var events = new List<BackupVaultEvent>(notifications.Events.Count);
            foreach (var e in notifications.Events)
            {
                events.Add(new BackupVaultEvent(e));
            }

            return new GetBackupVaultNotificationsOutput
            {
                BackupVaultName = vault.Name,
                BackupVaultArn = vault.Arn,
                SNSTopicArn = notifications.SnsTopicArn,
                BackupVaultEvents = events,
            };
        }
    }

    public static EmptyOutput DeleteNotifications(CallContext call, DeleteBackupVaultNotificationsInput input)
    {
        var state = call.State;
        lock (state.Gate)
        {
            Find(state, input.BackupVaultName!).Notifications = null;
            return EmptyOutput.Instance;
        }
    }
}
