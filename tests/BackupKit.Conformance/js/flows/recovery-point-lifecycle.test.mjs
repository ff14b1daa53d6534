// A recovery point over its life: tagged at creation, found by resource, moved to cold storage and deleted by its
// lifecycle as the emulator's clock advances; a stopped job leaves no recovery point. Moves the emulator's clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupVaultCommand, DescribeBackupJobCommand, DescribeBackupVaultCommand, DescribeRecoveryPointCommand, ListBackupJobsCommand,
  ListRecoveryPointsByBackupVaultCommand, ListRecoveryPointsByResourceCommand, ListTagsCommand, StartBackupJobCommand, StopBackupJobCommand,
} from '@aws-sdk/client-backup';
import { advanceClock, arn, backupRoleArn, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const minute = 60 * 1000;
const day = 24 * 60 * minute;
const terminal = new Set(['COMPLETED', 'FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL']);

async function settle(jobId) {
  for (let step = 0; step < 2 * 24 * 12; step++) {
    const job = await (await newClient()).send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
    if (terminal.has(job.State)) {
      return job;
    }
    await advanceClock(5 * minute);
  }
  assert.fail(`backup job ${jobId} did not finish within two days of emulated time`);
}

async function listPoints(vault) {
  return (await (await newClient()).send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }))).RecoveryPoints ?? [];
}

test('cold storage, then deletion, by the recovery point lifecycle', async () => {
  let client = await newClient();
  const vault = uniqueName('lifecycle');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  // EFS honours cold storage; a cold recovery point must stay at least 90 days there.
  const fileSystem = arn.efs(`fs-${uniqueName('x').slice(-10)}0000000`);
  const started = await client.send(new StartBackupJobCommand({
    BackupVaultName: vault, ResourceArn: fileSystem, IamRoleArn: backupRoleArn,
    Lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 91 },
    RecoveryPointTags: { purpose: 'lifecycle', team: 'storage' },
  }));
  const job = await settle(started.BackupJobId);
  assert.equal(job.State, 'COMPLETED');
  assert.equal(job.ResourceType, 'EFS');
  client = await newClient();

  const rp = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn }));
  assert.equal(rp.StorageClass, 'WARM');
  assert.equal(rp.CalculatedLifecycle.MoveToColdStorageAt.getTime(), rp.CreationDate.getTime() + 1 * day);
  assert.equal(rp.CalculatedLifecycle.DeleteAt.getTime(), rp.CreationDate.getTime() + 91 * day);

  // RecoveryPointTags are applied to the recovery point (EFS points have AWS Backup ARNs, so ListTags works on them).
  assert.match(job.RecoveryPointArn, /^arn:aws:backup:us-east-1:\d{12}:recovery-point:/);
  const tags = await client.send(new ListTagsCommand({ ResourceArn: job.RecoveryPointArn }));
  assert.equal(tags.Tags.purpose, 'lifecycle');
  assert.equal(tags.Tags.team, 'storage');

  const byResource = await client.send(new ListRecoveryPointsByResourceCommand({ ResourceArn: fileSystem }));
  assert.deepEqual(byResource.RecoveryPoints.map((p) => p.RecoveryPointArn), [job.RecoveryPointArn]);
  assert.equal(byResource.RecoveryPoints[0].BackupVaultName, vault);
  assert.equal(byResource.RecoveryPoints[0].Status, 'COMPLETED');

  await advanceClock(1 * day + 60 * minute);
  client = await newClient();
  const cold = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn }));
  assert.equal(cold.StorageClass, 'COLD', 'past MoveToColdStorageAt the recovery point is in cold storage');

  await advanceClock(91 * day);
  assert.deepEqual((await listPoints(vault)).map((p) => p.RecoveryPointArn), [], 'past DeleteAt the recovery point is deleted');
  client = await newClient();
  assert.equal((await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }))).NumberOfRecoveryPoints, 0);
});

test('a stopped backup job is aborted and creates no recovery point', async () => {
  let client = await newClient();
  const vault = uniqueName('stopped');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const started = await client.send(new StartBackupJobCommand({
    BackupVaultName: vault, ResourceArn: arn.efs('fs-0000000000stopped'), IamRoleArn: backupRoleArn,
  }));
  const stopped = await client.send(new StopBackupJobCommand({ BackupJobId: started.BackupJobId }));
  assert.equal(stopped.$metadata.httpStatusCode, 200);
  const job = await settle(started.BackupJobId);
  assert.equal(job.State, 'ABORTED');
  client = await newClient();
  const aborted = await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault, ByState: 'ABORTED' }));
  assert.deepEqual(aborted.BackupJobs.map((j) => j.BackupJobId), [started.BackupJobId]);
  assert.deepEqual(await listPoints(vault), [], 'an aborted job leaves no recovery point in the vault');
  await expectError(client.send(new StopBackupJobCommand({ BackupJobId: '00000000-0000-4000-8000-000000000000' })), 'ResourceNotFoundException');
});
