// Tag-based protection end to end, as the AWS Backup developer guide describes resource assignments: resources carrying
// the selection's tag are backed up by each scheduled run; a resource tagged later is picked up by the next run; the
// protected resources list them with their last backup; a restore brings the backed-up data back under a new name.
// Resources and the clock are driven through the emulator's admin path (/_backupkit/), which is not part of AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupPlanCommand, CreateBackupSelectionCommand, CreateBackupVaultCommand, DescribeProtectedResourceCommand,
  DescribeRestoreJobCommand, GetRecoveryPointRestoreMetadataCommand, ListBackupJobsCommand,
  ListProtectedResourcesByBackupVaultCommand, ListRecoveryPointsByBackupVaultCommand, StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { arn, backupRoleArn, newClient, region, accountId, uniqueName } from '../lib/harness.mjs';
import { addResource, advanceEmulatorClock, findResource, recoveryPointContent, tagResource } from '../lib/admin.mjs';

const day = 24 * 60 * 60 * 1000;

test('resources carrying the selection tag are backed up by each run; a resource tagged later joins the next run', async () => {
  let client = await newClient();
  const vault = uniqueName('tags-vault');
  const tagKey = uniqueName('protect');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const plan = await client.send(new CreateBackupPlanCommand({
    BackupPlan: {
      BackupPlanName: uniqueName('tags-plan'),
      Rules: [{ RuleName: 'daily', TargetBackupVaultName: vault, ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }],
    },
  }));
  await client.send(new CreateBackupSelectionCommand({
    BackupPlanId: plan.BackupPlanId,
    BackupSelection: {
      SelectionName: 'by-tag',
      IamRoleArn: backupRoleArn,
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: tagKey, ConditionValue: 'yes' }],
    },
  }));

  const orders = arn.dynamoTable(uniqueName('orders'));
  const volume = `arn:aws:ec2:${region}:${accountId}:volume/vol-${uniqueName('x').slice(2).padEnd(17, '0').slice(0, 17)}`;
  const late = arn.dynamoTable(uniqueName('late'));
  const added = await addResource({ arn: orders, tags: { [tagKey]: 'yes' }, sizeInBytes: 2 * 2 ** 30, content: { itemCount: 42, checksum: 'c0ffee' } });
  assert.equal(added.resourceType, 'DynamoDB');
  await addResource({ arn: volume, tags: { [tagKey]: 'yes' } });
  await addResource({ arn: late, tags: { [tagKey]: 'no' } });

  await advanceEmulatorClock(day);
  client = await newClient();
  const firstRun = (await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault }))).BackupJobs;
  assert.deepEqual(firstRun.map((j) => j.ResourceArn).sort(), [orders, volume].sort());
  for (const job of firstRun) {
    assert.equal(job.State, 'COMPLETED', `job of ${job.ResourceArn}`);
    assert.equal(job.CreatedBy.BackupPlanId, plan.BackupPlanId);
  }
  const ordersJob = firstRun.find((j) => j.ResourceArn === orders);
  assert.equal(ordersJob.BackupSizeInBytes, 2 * 2 ** 30, 'a backup is as large as its resource');
  assert.deepEqual(await recoveryPointContent(ordersJob.RecoveryPointArn), { itemCount: 42, checksum: 'c0ffee' });

  await tagResource(late, { [tagKey]: 'yes' });
  await advanceEmulatorClock(day);
  client = await newClient();
  const allJobs = (await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault }))).BackupJobs;
  const lateJobs = allJobs.filter((j) => j.ResourceArn === late);
  assert.equal(lateJobs.length, 1, 'the resource tagged after the first run is backed up by the next one only');
  assert.equal(allJobs.length, 5);

  const points = (await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }))).RecoveryPoints;
  assert.equal(points.length, 5);
  const protectedResources = (await client.send(new ListProtectedResourcesByBackupVaultCommand({ BackupVaultName: vault }))).Results;
  assert.deepEqual(protectedResources.map((r) => r.ResourceArn).sort(), [orders, volume, late].sort());
  const described = await client.send(new DescribeProtectedResourceCommand({ ResourceArn: orders }));
  assert.equal(described.ResourceType, 'DynamoDB');
  assert.equal(described.LastBackupVaultArn, arn.vault(vault));
  const latest = allJobs.filter((j) => j.ResourceArn === orders).sort((a, b) => b.CreationDate - a.CreationDate)[0];
  assert.equal(described.LastRecoveryPointArn, latest.RecoveryPointArn);
  assert.equal(described.LastBackupTime.getTime(), latest.CreationDate.getTime());
});

test('a restore creates the resource named in its metadata with the recovery point\'s content', async () => {
  let client = await newClient();
  const vault = uniqueName('restore-vault');
  const tagKey = uniqueName('protect');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const plan = await client.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: uniqueName('restore-plan'), Rules: [{ RuleName: 'daily', TargetBackupVaultName: vault, Lifecycle: { DeleteAfterDays: 7 } }] },
  }));
  await client.send(new CreateBackupSelectionCommand({
    BackupPlanId: plan.BackupPlanId,
    BackupSelection: { SelectionName: 'all', IamRoleArn: backupRoleArn, Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: `aws:ResourceTag/${tagKey}`, ConditionValue: 'on' }] } },
  }));
  const table = arn.dynamoTable(uniqueName('ledger'));
  await addResource({ arn: table, tags: { [tagKey]: 'on' }, content: { itemCount: 7, checksum: 'seven' } });
  await advanceEmulatorClock(day);

  client = await newClient();
  const [point] = (await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }))).RecoveryPoints;
  const metadata = await client.send(new GetRecoveryPointRestoreMetadataCommand({ BackupVaultName: vault, RecoveryPointArn: point.RecoveryPointArn }));
  assert.equal(metadata.ResourceType, 'DynamoDB');
  const targetName = uniqueName('ledger-restored');
  const started = await client.send(new StartRestoreJobCommand({
    RecoveryPointArn: point.RecoveryPointArn,
    IamRoleArn: backupRoleArn,
    Metadata: { ...metadata.RestoreMetadata, targetTableName: targetName },
  }));
  assert.equal(await findResource(arn.dynamoTable(targetName)), undefined, 'nothing is restored before the job completes');

  await advanceEmulatorClock(60 * 60 * 1000);
  client = await newClient();
  const job = await client.send(new DescribeRestoreJobCommand({ RestoreJobId: started.RestoreJobId }));
  assert.equal(job.Status, 'COMPLETED');
  assert.equal(job.CreatedResourceArn, arn.dynamoTable(targetName));
  const restored = await findResource(job.CreatedResourceArn);
  assert.deepEqual(restored.content, { itemCount: 7, checksum: 'seven' });
  assert.equal(restored.restoredFromRecoveryPointArn, point.RecoveryPointArn);
});
