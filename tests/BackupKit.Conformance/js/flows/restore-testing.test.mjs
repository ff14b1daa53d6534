// Restore testing end to end, as the AWS Backup developer guide describes it: a restore testing plan and selection
// restore the latest recovery point of the selected resource at the plan's scheduled time (the job carries
// CreatedBy.RestoreTestingPlanArn and a new name starting with awsbackup-restore-test-), a validator reports its result
// with PutRestoreValidationResult, and AWS Backup then deletes the restored resource (DeletionStatus). Resources and the
// clock are driven through the emulator's admin path (/_backupkit/), which is not part of AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateBackupVaultCommand, CreateRestoreTestingPlanCommand, CreateRestoreTestingSelectionCommand, DeleteRestoreTestingPlanCommand,
  DeleteRestoreTestingSelectionCommand, DescribeRecoveryPointCommand, DescribeRestoreJobCommand, GetRestoreJobMetadataCommand,
  GetRestoreTestingInferredMetadataCommand, GetRestoreTestingPlanCommand, ListRestoreJobsByProtectedResourceCommand,
  ListRestoreJobsCommand, PutRestoreValidationResultCommand, StartBackupJobCommand,
} from '@aws-sdk/client-backup';
import { arn, backupRoleArn, emulatorNow, newClient, uniqueName } from '../lib/harness.mjs';
import { addResource, advanceEmulatorClock, findResource } from '../lib/admin.mjs';

const minute = 60 * 1000;
const hour = 60 * minute;

/** Moves the emulator clock to the instant (epoch ms) and returns a client signing with the new time. */
async function advanceTo(instant) {
  await advanceEmulatorClock(instant - (await emulatorNow()));
  return newClient();
}

test('a scheduled restore test restores the latest recovery point, takes a validation result and deletes what it restored', async () => {
  let client = await newClient();
  const vault = uniqueName('rt-vault');
  const table = arn.dynamoTable(uniqueName('rt-orders'));
  const planName = `rt_plan_${randomBytes(5).toString('hex')}`;
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await addResource({ arn: table, content: { itemCount: 42, checksum: 'feed' } });
  const backup = await client.send(new StartBackupJobCommand({ BackupVaultName: vault, ResourceArn: table, IamRoleArn: backupRoleArn }));
  client = await advanceTo((await emulatorNow()) + hour);
  const point = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: backup.RecoveryPointArn }));
  assert.equal(point.Status, 'COMPLETED');

  // A daily schedule whose next run is at the start of the hour after next (emulator time, UTC).
  const runAt = Math.ceil((await emulatorNow()) / hour) * hour + hour;
  const created = await client.send(new CreateRestoreTestingPlanCommand({
    RestoreTestingPlan: {
      RestoreTestingPlanName: planName,
      ScheduleExpression: `cron(0 ${new Date(runAt).getUTCHours()} ? * * *)`,
      StartWindowHours: 1,
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', RecoveryPointTypes: ['SNAPSHOT'], IncludeVaults: ['*'], SelectionWindowDays: 7 },
    },
  }));
  await client.send(new CreateRestoreTestingSelectionCommand({
    RestoreTestingPlanName: planName,
    RestoreTestingSelection: {
      RestoreTestingSelectionName: 'orders_table',
      ProtectedResourceType: 'DynamoDB',
      IamRoleArn: backupRoleArn,
      ProtectedResourceArns: [table],
      ValidationWindowHours: 4,
    },
  }));
  const inferred = (await client.send(new GetRestoreTestingInferredMetadataCommand({ BackupVaultName: vault, RecoveryPointArn: backup.RecoveryPointArn }))).InferredMetadata;
  assert.match(inferred.targetTableName, /^awsbackup-restore-test-/);

  // The run starts a restore job listed under the plan.
  client = await advanceTo(runAt + minute);
  const listed = (await client.send(new ListRestoreJobsCommand({ ByRestoreTestingPlanArn: created.RestoreTestingPlanArn }))).RestoreJobs;
  assert.equal(listed.length, 1, 'one restore test per selected resource and run');
  const [job] = listed;
  assert.equal(job.CreationDate.getTime(), runAt);
  assert.equal(job.RecoveryPointArn, backup.RecoveryPointArn);
  assert.equal(job.CreatedBy.RestoreTestingPlanArn, created.RestoreTestingPlanArn);
  assert.notEqual(job.Status, 'COMPLETED');
  const lastRun = (await client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: planName }))).RestoreTestingPlan.LastExecutionTime;
  assert.equal(lastRun.getTime(), runAt);

  // Completed: the restored table holds the backup's content and waits for validation.
  client = await advanceTo(runAt + 30 * minute);
  const completed = await client.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId }));
  assert.equal(completed.Status, 'COMPLETED');
  assert.match(completed.CreatedResourceArn, /:table\/awsbackup-restore-test-/);
  assert.equal(completed.ValidationStatus, undefined);
  assert.equal(completed.DeletionStatus, undefined);
  const metadata = (await client.send(new GetRestoreJobMetadataCommand({ RestoreJobId: job.RestoreJobId }))).Metadata;
  assert.equal(`${arn.dynamoTable(metadata.targetTableName)}`, completed.CreatedResourceArn);
  const restored = await findResource(completed.CreatedResourceArn);
  assert.deepEqual(restored.content, { itemCount: 42, checksum: 'feed' });
  const byResource = (await client.send(new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: table }))).RestoreJobs;
  assert.ok(byResource.some((j) => j.RestoreJobId === job.RestoreJobId), 'the restore test is listed for its protected resource');

  // The validator's result, then AWS Backup deletes the restored table.
  await client.send(new PutRestoreValidationResultCommand({ RestoreJobId: job.RestoreJobId, ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: '42 items, checksum matches' }));
  const validated = await client.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId }));
  assert.equal(validated.ValidationStatus, 'SUCCESSFUL');
  assert.equal(validated.ValidationStatusMessage, '42 items, checksum matches');
  assert.equal(validated.DeletionStatus, 'DELETING');

  client = await advanceTo(runAt + 40 * minute);
  const deleted = await client.send(new DescribeRestoreJobCommand({ RestoreJobId: job.RestoreJobId }));
  assert.equal(deleted.DeletionStatus, 'SUCCESSFUL');
  assert.equal(await findResource(completed.CreatedResourceArn), undefined, 'the restored table is gone');
  assert.ok(await findResource(table), 'the source table is untouched');

  await client.send(new DeleteRestoreTestingSelectionCommand({ RestoreTestingPlanName: planName, RestoreTestingSelectionName: 'orders_table' }));
  await client.send(new DeleteRestoreTestingPlanCommand({ RestoreTestingPlanName: planName }));
});
