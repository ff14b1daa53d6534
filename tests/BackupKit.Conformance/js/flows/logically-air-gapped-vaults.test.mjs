// Logically air-gapped vaults: created with a retention lock built in, CREATING then AVAILABLE, listed by type.
// Moves the emulator's clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupVaultCommand, CreateLogicallyAirGappedBackupVaultCommand, DescribeBackupVaultCommand, ListBackupVaultsCommand,
} from '@aws-sdk/client-backup';
import { advanceClock, arn, assertRecent, collectPages, expectError, newClient, uniqueName } from '../lib/harness.mjs';

test('create, become AVAILABLE, describe and list by type', async () => {
  let client = await newClient();
  const name = uniqueName('lag');
  const created = await client.send(new CreateLogicallyAirGappedBackupVaultCommand({
    BackupVaultName: name, MinRetentionDays: 7, MaxRetentionDays: 365, BackupVaultTags: { isolation: 'air-gapped' },
  }));
  assert.equal(created.BackupVaultName, name);
  assert.equal(created.BackupVaultArn, arn.vault(name));
  assert.equal(created.VaultState, 'CREATING', 'a logically air-gapped vault starts CREATING');
  await assertRecent(created.CreationDate, 'CreationDate');

  let described;
  for (let step = 0; step < 24 * 12; step++) {
    described = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
    if (described.VaultState !== 'CREATING') {
      break;
    }
    await advanceClock(5 * 60 * 1000);
    client = await newClient();
  }
  assert.equal(described.VaultState, 'AVAILABLE');
  assert.equal(described.VaultType, 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT');
  assert.equal(described.Locked, true, 'the retention lock is built in');
  assert.equal(described.MinRetentionDays, 7);
  assert.equal(described.MaxRetentionDays, 365);
  assert.equal(described.NumberOfRecoveryPoints, 0);

  const plain = uniqueName('lag-plain');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: plain }));
  const lagOnly = await collectPages((page) => client.send(new ListBackupVaultsCommand({ ...page, ByVaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' })),
    1000, 'BackupVaultList');
  assert.ok(lagOnly.items.some((v) => v.BackupVaultName === name));
  assert.ok(!lagOnly.items.some((v) => v.BackupVaultName === plain), 'ByVaultType filters out standard vaults');
  assert.ok(lagOnly.items.every((v) => v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'));
  const standard = await collectPages((page) => client.send(new ListBackupVaultsCommand({ ...page, ByVaultType: 'BACKUP_VAULT' })), 1000, 'BackupVaultList');
  assert.ok(!standard.items.some((v) => v.BackupVaultName === name), 'ByVaultType=BACKUP_VAULT filters out air-gapped vaults');

  await expectError(client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: name, MinRetentionDays: 7, MaxRetentionDays: 365 })),
    'AlreadyExistsException');
  await expectError(client.send(new CreateBackupVaultCommand({ BackupVaultName: name })), 'AlreadyExistsException');
});

test('air-gapped vault errors', async () => {
  const client = await newClient();
  // The minimum retention of an air-gapped vault is at least 7 days; both bounds are required.
  await expectError(client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: uniqueName('lag-min'), MinRetentionDays: 6, MaxRetentionDays: 30 })),
    'InvalidParameterValueException');
  await expectError(client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: uniqueName('lag-nomax'), MinRetentionDays: 7 })),
    'MissingParameterValueException');
  await expectError(client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: uniqueName('lag-nomin'), MaxRetentionDays: 30 })),
    'MissingParameterValueException');
  await expectError(client.send(new CreateLogicallyAirGappedBackupVaultCommand({ BackupVaultName: 'x.y', MinRetentionDays: 7, MaxRetentionDays: 30 })),
    'InvalidParameterValueException');
});
