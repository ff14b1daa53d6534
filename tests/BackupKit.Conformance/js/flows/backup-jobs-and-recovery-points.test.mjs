// On-demand backup jobs and the recovery points they create: a job moves to COMPLETED as the emulator's clock
// advances; the recovery point is listed and described (ARN in the path); a vault with recovery points cannot be
// deleted; a locked vault refuses deleting or changing them; a job whose retention breaks the lock fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateBackupVaultCommand, DeleteBackupVaultCommand, DeleteBackupVaultLockConfigurationCommand, DeleteRecoveryPointCommand,
  DescribeBackupJobCommand, DescribeBackupVaultCommand, DescribeRecoveryPointCommand, ListBackupJobsCommand,
  ListRecoveryPointsByBackupVaultCommand, PutBackupVaultLockConfigurationCommand, StartBackupJobCommand,
  UpdateRecoveryPointLifecycleCommand,
} from '@aws-sdk/client-backup';
import { advanceClock, arn, backupRoleArn, emulatorNow, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const day = 24 * 60 * 60 * 1000;
const terminalStates = new Set(['COMPLETED', 'FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL']);

/** Advances the emulator's clock in 5-minute steps until the job reaches a terminal state (at most two days). */
async function waitForJob(jobId) {
  for (let step = 0; step < 2 * 24 * 12; step++) {
    const client = await newClient();
    const job = await client.send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
    if (terminalStates.has(job.State)) {
      return job;
    }
    assert.ok(['CREATED', 'PENDING', 'RUNNING'].includes(job.State), `unexpected backup job state ${job.State}`);
    await advanceClock(5 * 60 * 1000);
  }
  assert.fail(`backup job ${jobId} did not finish within two days of emulated time`);
}

test('a backup job creates a recovery point; the vault cannot be deleted while it holds it; a lock protects it', async () => {
  let client = await newClient();
  const vault = uniqueName('jobs');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const table = arn.dynamoTable(uniqueName('orders'));
  const startedAt = await emulatorNow();

  const token = randomUUID();
  const started = await client.send(new StartBackupJobCommand({
    BackupVaultName: vault,
    ResourceArn: table,
    IamRoleArn: backupRoleArn,
    IdempotencyToken: token,
    Lifecycle: { DeleteAfterDays: 30 },
    RecoveryPointTags: { purpose: 'conformance' },
  }));
  assert.match(started.BackupJobId, /^\S+$/);
  assert.ok(started.CreationDate instanceof Date);

  const again = await client.send(new StartBackupJobCommand({
    BackupVaultName: vault, ResourceArn: table, IamRoleArn: backupRoleArn, IdempotencyToken: token, Lifecycle: { DeleteAfterDays: 30 },
  }));
  assert.equal(again.$metadata.httpStatusCode, 200, 'a repeated IdempotencyToken succeeds');
  const jobsForTable = await client.send(new ListBackupJobsCommand({ ByResourceArn: table }));
  assert.equal(jobsForTable.BackupJobs.length, 1, 'a repeated IdempotencyToken starts no second job');

  const described = await client.send(new DescribeBackupJobCommand({ BackupJobId: started.BackupJobId }));
  assert.equal(described.BackupJobId, started.BackupJobId);
  assert.equal(described.BackupVaultName, vault);
  assert.equal(described.BackupVaultArn, arn.vault(vault));
  assert.equal(described.ResourceArn, table);
  assert.equal(described.ResourceType, 'DynamoDB');
  assert.equal(described.IamRoleArn, backupRoleArn);

  const job = await waitForJob(started.BackupJobId);
  assert.equal(job.State, 'COMPLETED');
  assert.ok(job.CompletionDate instanceof Date, 'a completed job has a CompletionDate');
  assert.ok(job.CompletionDate.getTime() >= job.CreationDate.getTime());
  assert.match(job.RecoveryPointArn, /^arn:aws[a-z-]*:[a-z-\d]+:[a-z-\d]+:/);
  client = await newClient();

  const byVault = await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault, ByState: 'COMPLETED' }));
  assert.deepEqual(byVault.BackupJobs.map((j) => j.BackupJobId), [started.BackupJobId]);
  const window = await client.send(new ListBackupJobsCommand({
    ByBackupVaultName: vault, ByCreatedAfter: new Date(startedAt - 60_000), ByCreatedBefore: new Date(startedAt + 60 * 60_000),
  }));
  assert.deepEqual(window.BackupJobs.map((j) => j.BackupJobId), [started.BackupJobId]);
  const outside = await client.send(new ListBackupJobsCommand({ ByBackupVaultName: vault, ByCreatedBefore: new Date(startedAt - 60_000) }));
  assert.deepEqual(outside.BackupJobs ?? [], [], 'ByCreatedBefore filters out later jobs');

  const points = await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(points.RecoveryPoints.length, 1);
  const point = points.RecoveryPoints[0];
  assert.equal(point.RecoveryPointArn, job.RecoveryPointArn);
  assert.equal(point.ResourceArn, table);
  assert.equal(point.ResourceType, 'DynamoDB');
  assert.equal(point.BackupVaultName, vault);
  assert.equal(point.Status, 'COMPLETED');
  assert.equal(point.Lifecycle.DeleteAfterDays, 30);
  assert.equal(point.CalculatedLifecycle.DeleteAt.getTime(), point.CreationDate.getTime() + 30 * day,
    'DeleteAt is CreationDate + DeleteAfterDays');

  const rp = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn }));
  assert.equal(rp.RecoveryPointArn, job.RecoveryPointArn);
  assert.equal(rp.BackupVaultArn, arn.vault(vault));
  assert.equal(rp.ResourceArn, table);
  assert.equal(rp.IamRoleArn, backupRoleArn);
  assert.equal(rp.Status, 'COMPLETED');
  assert.equal(rp.StorageClass, 'WARM');
  assert.equal(rp.Lifecycle.DeleteAfterDays, 30);

  const vaultInfo = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(vaultInfo.NumberOfRecoveryPoints, 1);

  // A vault that holds recovery points cannot be deleted.
  await expectError(client.send(new DeleteBackupVaultCommand({ BackupVaultName: vault })), 'InvalidRequestException');

  // A locked vault (governance mode included) refuses deleting a recovery point or changing its lifecycle.
  await client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 1, MaxRetentionDays: 100 }));
  await expectError(client.send(new DeleteRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn })), 'InvalidRequestException');
  await expectError(client.send(new UpdateRecoveryPointLifecycleCommand({
    BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn, Lifecycle: { DeleteAfterDays: 60 },
  })), 'InvalidRequestException');
  await client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: vault }));

  // Unlocked: the lifecycle can change, then the recovery point can be deleted, then the vault.
  const changed = await client.send(new UpdateRecoveryPointLifecycleCommand({
    BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn, Lifecycle: { DeleteAfterDays: 60 },
  }));
  assert.equal(changed.RecoveryPointArn, job.RecoveryPointArn);
  assert.equal(changed.Lifecycle.DeleteAfterDays, 60);
  assert.equal(changed.CalculatedLifecycle.DeleteAt.getTime(), point.CreationDate.getTime() + 60 * day);

  await client.send(new DeleteRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: job.RecoveryPointArn }));
  for (let i = 0; i < 60; i++) {
    const left = await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }));
    if ((left.RecoveryPoints ?? []).length === 0) {
      break;
    }
    await advanceClock(60_000);
    client = await newClient();
  }
  await client.send(new DeleteBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');
});

test('a backup job whose retention is outside the vault lock fails (the API call itself is accepted)', async () => {
  const client = await newClient();
  const vault = uniqueName('jobs-locked');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 7, MaxRetentionDays: 30 }));
  const started = await client.send(new StartBackupJobCommand({
    BackupVaultName: vault, ResourceArn: arn.dynamoTable(uniqueName('short')), IamRoleArn: backupRoleArn, Lifecycle: { DeleteAfterDays: 1 },
  }));
  const job = await waitForJob(started.BackupJobId);
  assert.equal(job.State, 'FAILED');
  assert.ok(typeof job.StatusMessage === 'string' && job.StatusMessage.length > 0, 'a failed job says why');
  const points = await (await newClient()).send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault }));
  assert.deepEqual(points.RecoveryPoints ?? [], []);
});

test('job and recovery point errors', async () => {
  const client = await newClient();
  const vault = uniqueName('jobs-err');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new DescribeBackupJobCommand({ BackupJobId: randomUUID() })), 'ResourceNotFoundException');
  await expectError(client.send(new StartBackupJobCommand({
    BackupVaultName: uniqueName('no-such-vault'), ResourceArn: arn.dynamoTable('t'), IamRoleArn: backupRoleArn,
  })), 'ResourceNotFoundException');
  await expectError(client.send(new StartBackupJobCommand({ BackupVaultName: vault, ResourceArn: arn.dynamoTable('t') })), 'MissingParameterValueException');
  await expectError(client.send(new StartBackupJobCommand({
    BackupVaultName: vault, ResourceArn: arn.dynamoTable('t'), IamRoleArn: backupRoleArn, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 20 },
  })), 'InvalidParameterValueException');
  const missingPoint = `arn:aws:backup:us-east-1:000000000000:recovery-point:${randomUUID()}`;
  await expectError(client.send(new DescribeRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: missingPoint })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteRecoveryPointCommand({ BackupVaultName: vault, RecoveryPointArn: missingPoint })), 'ResourceNotFoundException');
});
