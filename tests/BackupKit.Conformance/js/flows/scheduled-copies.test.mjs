// Copy actions of a backup rule, as the AWS Backup developer guide describes them: when a scheduled backup completes,
// a copy job (created by the plan) copies its recovery point into the destination vault of another Region with the
// copy action's lifecycle; a destination that does not exist fails its copy job. Resources and the clock are driven
// through the emulator's admin path (/_backupkit/), which is not part of AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackupClient, CreateBackupPlanCommand, CreateBackupSelectionCommand, CreateBackupVaultCommand, ListBackupJobsCommand,
  ListCopyJobsCommand, ListRecoveryPointsByBackupVaultCommand,
} from '@aws-sdk/client-backup';
import { accountId, arn, backupRoleArn, emulatorNow, endpoint, newClient, uniqueName } from '../lib/harness.mjs';
import { addResource, advanceEmulatorClock, recoveryPointContent } from '../lib/admin.mjs';

const day = 24 * 60 * 60 * 1000;
const otherRegion = 'us-west-2';

async function clientIn(regionName) {
  const offset = (await emulatorNow()) - Date.now();
  return new BackupClient({ endpoint, region: regionName, maxAttempts: 1, systemClockOffset: offset });
}

test('a completed scheduled backup is copied to another Region; a missing destination fails its copy job', async () => {
  let client = await newClient();
  let west = await clientIn(otherRegion);
  const vault = uniqueName('copy-src');
  const replicaName = uniqueName('copy-dst');
  const missingArn = `arn:aws:backup:${otherRegion}:${accountId}:backup-vault:${uniqueName('missing')}`;
  const tagKey = uniqueName('copy');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const replica = await west.send(new CreateBackupVaultCommand({ BackupVaultName: replicaName }));
  const plan = await client.send(new CreateBackupPlanCommand({
    BackupPlan: {
      BackupPlanName: uniqueName('copy-plan'),
      Rules: [{
        RuleName: 'daily-with-copies',
        TargetBackupVaultName: vault,
        Lifecycle: { DeleteAfterDays: 35 },
        CopyActions: [
          { DestinationBackupVaultArn: replica.BackupVaultArn, Lifecycle: { DeleteAfterDays: 90 } },
          { DestinationBackupVaultArn: missingArn },
        ],
      }],
    },
  }));
  await client.send(new CreateBackupSelectionCommand({
    BackupPlanId: plan.BackupPlanId,
    BackupSelection: { SelectionName: 'tagged', IamRoleArn: backupRoleArn, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: tagKey, ConditionValue: 'true' }] },
  }));
  const table = arn.dynamoTable(uniqueName('invoices'));
  await addResource({ arn: table, tags: { [tagKey]: 'true' }, content: { itemCount: 3, checksum: 'abc' } });

  await advanceEmulatorClock(day);
  client = await newClient();
  west = await clientIn(otherRegion);
  const [backup] = (await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault }))).BackupJobs;
  assert.equal(backup.State, 'COMPLETED');

  const copies = (await client.send(new ListCopyJobsCommand({ ByResourceArn: table }))).CopyJobs;
  assert.equal(copies.length, 2, 'one copy job per copy action');
  const copied = copies.find((c) => c.DestinationBackupVaultArn === replica.BackupVaultArn);
  assert.equal(copied.State, 'COMPLETED');
  assert.equal(copied.SourceRecoveryPointArn, backup.RecoveryPointArn);
  assert.equal(copied.CreatedBy.BackupPlanId, plan.BackupPlanId);
  assert.equal(copied.DestinationRecoveryPointLifecycle.DeleteAfterDays, 90);
  const failed = copies.find((c) => c.DestinationBackupVaultArn === missingArn);
  assert.equal(failed.State, 'FAILED');
  assert.ok(failed.StatusMessage && failed.StatusMessage.length > 0, 'a failed copy job says why');

  const landed = (await west.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: replicaName }))).RecoveryPoints;
  assert.equal(landed.length, 1);
  assert.equal(landed[0].RecoveryPointArn, copied.DestinationRecoveryPointArn);
  assert.equal(landed[0].ResourceArn, table);
  assert.equal(landed[0].Lifecycle.DeleteAfterDays, 90);
  assert.equal(landed[0].CreationDate.getTime(), backup.CreationDate.getTime(), 'a copy keeps the creation date of its source');
  assert.deepEqual(await recoveryPointContent(landed[0].RecoveryPointArn), { itemCount: 3, checksum: 'abc' });
});
