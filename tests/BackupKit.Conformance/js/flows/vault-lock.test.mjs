// Vault Lock: governance put/describe/replace/delete, compliance within and after its grace time, and refusals.
// This flow moves the emulator's clock forward (the fixture runs it on a controllable clock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupVaultCommand, DeleteBackupVaultCommand, DeleteBackupVaultLockConfigurationCommand, DescribeBackupVaultCommand,
  PutBackupVaultLockConfigurationCommand,
} from '@aws-sdk/client-backup';
import { advanceClock, emulatorNow, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const day = 24 * 60 * 60 * 1000;

test('governance mode: put, describe, replace, delete', async () => {
  const client = await newClient();
  const vault = uniqueName('lock-gov');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));

  const put = await client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 7, MaxRetentionDays: 365 }));
  assert.equal(put.$metadata.httpStatusCode, 200);
  const locked = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(locked.Locked, true);
  assert.equal(locked.MinRetentionDays, 7);
  assert.equal(locked.MaxRetentionDays, 365);
  assert.equal(locked.LockDate, undefined, 'governance mode (no ChangeableForDays) has no LockDate');

  await client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 1 }));
  const replaced = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(replaced.Locked, true);
  assert.equal(replaced.MinRetentionDays, 1, 'a second put replaces the configuration');
  assert.equal(replaced.MaxRetentionDays, undefined, 'an omitted bound is no bound');

  const deleted = await client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: vault }));
  assert.equal(deleted.$metadata.httpStatusCode, 200);
  const unlocked = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(unlocked.Locked, false);
  assert.equal(unlocked.MinRetentionDays, undefined);
  assert.equal(unlocked.MaxRetentionDays, undefined);
});

test('compliance mode: changeable during the grace time, immutable after LockDate', async () => {
  let client = await newClient();
  const vault = uniqueName('lock-comp');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));

  // Within the grace time the lock can still be changed and deleted.
  const before = await emulatorNow();
  await client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 1, MaxRetentionDays: 30, ChangeableForDays: 3 }));
  const grace = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(grace.Locked, true, 'Locked is true already during the grace time');
  assert.ok(grace.LockDate instanceof Date, 'compliance mode has a LockDate');
  const expected = before + 3 * day;
  assert.ok(Math.abs(grace.LockDate.getTime() - expected) <= 5 * 60_000,
    `LockDate ${grace.LockDate.toISOString()} is now + ChangeableForDays (${new Date(expected).toISOString()})`);
  await client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: vault }));
  assert.equal((await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }))).Locked, false);

  // Past LockDate the configuration is immutable.
  await client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 1, MaxRetentionDays: 30, ChangeableForDays: 3 }));
  await advanceClock(3 * day + 60 * 60 * 1000);
  client = await newClient();
  await expectError(client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: vault })), 'InvalidRequestException');
  await expectError(client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 2, MaxRetentionDays: 40 })),
    'InvalidRequestException');
  const immutable = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(immutable.Locked, true);
  assert.equal(immutable.MinRetentionDays, 1);
  assert.equal(immutable.MaxRetentionDays, 30);

  // An empty vault can still be deleted after its LockDate.
  await client.send(new DeleteBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');
});

test('vault lock refusals of invalid values and unknown vaults', async () => {
  const client = await newClient();
  const unknown = uniqueName('lock-unknown');
  await expectError(client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: unknown, MinRetentionDays: 1 })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteBackupVaultLockConfigurationCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');

  const vault = uniqueName('lock-bad');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  // ChangeableForDays has a 3-day minimum (72 hours cooling-off) and a 36500-day maximum.
  await expectError(client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 1, ChangeableForDays: 2 })),
    'InvalidParameterValueException');
  await expectError(client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MinRetentionDays: 1, ChangeableForDays: 36501 })),
    'InvalidParameterValueException');
  // MaxRetentionDays is at most 36500 days.
  await expectError(client.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: vault, MaxRetentionDays: 36501 })),
    'InvalidParameterValueException');
  const described = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: vault }));
  assert.equal(described.Locked, false, 'refused puts leave the vault unlocked');
});
