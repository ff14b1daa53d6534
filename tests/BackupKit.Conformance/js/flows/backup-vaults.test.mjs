// Backup vaults: create with tags and a customer managed key, describe, list with pagination, delete, and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateBackupVaultCommand, DeleteBackupVaultCommand, DescribeBackupVaultCommand, ListBackupVaultsCommand, ListTagsCommand,
} from '@aws-sdk/client-backup';
import { arn, assertRecent, collectPages, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const client = await newClient();

test('create with tags and encryption key, describe, list, delete', async () => {
  const name = uniqueName('vault-full');
  const keyArn = arn.kmsKey(randomUUID());
  const creatorRequestId = randomUUID();
  const created = await client.send(new CreateBackupVaultCommand({
    BackupVaultName: name,
    BackupVaultTags: { team: 'storage', 'cost-center': '42' },
    EncryptionKeyArn: keyArn,
    CreatorRequestId: creatorRequestId,
  }));
  assert.equal(created.$metadata.httpStatusCode, 200);
  assert.equal(created.BackupVaultName, name);
  assert.equal(created.BackupVaultArn, arn.vault(name));
  await assertRecent(created.CreationDate, 'CreationDate');

  const described = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
  assert.equal(described.BackupVaultName, name);
  assert.equal(described.BackupVaultArn, arn.vault(name));
  assert.equal(described.EncryptionKeyArn, keyArn);
  assert.equal(described.EncryptionKeyType, 'CUSTOMER_MANAGED_KMS_KEY');
  assert.equal(described.CreatorRequestId, creatorRequestId);
  assert.equal(described.CreationDate.getTime(), created.CreationDate.getTime());
  assert.equal(described.NumberOfRecoveryPoints, 0);
  assert.equal(described.VaultType, 'BACKUP_VAULT');
  assert.equal(described.Locked, false, 'a new vault is not locked');
  assert.equal(described.MinRetentionDays, undefined);
  assert.equal(described.MaxRetentionDays, undefined);
  assert.equal(described.LockDate, undefined);

  const tags = await client.send(new ListTagsCommand({ ResourceArn: created.BackupVaultArn }));
  assert.deepEqual(tags.Tags, { team: 'storage', 'cost-center': '42' });

  const { items } = await collectPages((page) => client.send(new ListBackupVaultsCommand(page)), 1000, 'BackupVaultList');
  const listed = items.find((v) => v.BackupVaultName === name);
  assert.ok(listed, 'the vault is listed');
  assert.equal(listed.BackupVaultArn, arn.vault(name));
  assert.equal(listed.EncryptionKeyArn, keyArn);
  assert.equal(listed.CreatorRequestId, creatorRequestId);
  assert.equal(listed.NumberOfRecoveryPoints, 0);
  assert.equal(listed.Locked, false);
  assert.equal(listed.VaultType, 'BACKUP_VAULT');

  const deleted = await client.send(new DeleteBackupVaultCommand({ BackupVaultName: name }));
  assert.equal(deleted.$metadata.httpStatusCode, 200);
  await expectError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: name })), 'ResourceNotFoundException');
  const after = await collectPages((page) => client.send(new ListBackupVaultsCommand(page)), 1000, 'BackupVaultList');
  assert.ok(!after.items.some((v) => v.BackupVaultName === name), 'a deleted vault is not listed');
  // The name is free again.
  const recreated = await client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  assert.equal(recreated.BackupVaultArn, arn.vault(name));
});

test('a vault without a key is encrypted with a key AWS Backup manages', async () => {
  const name = uniqueName('vault-default-key');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  const described = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
  assert.notEqual(described.EncryptionKeyType, 'CUSTOMER_MANAGED_KMS_KEY');
  const tags = await client.send(new ListTagsCommand({ ResourceArn: described.BackupVaultArn }));
  assert.deepEqual(tags.Tags ?? {}, {});
});

test('ListBackupVaults pages with MaxResults and NextToken', async () => {
  const prefix = uniqueName('vault-page');
  const names = [0, 1, 2, 3].map((i) => `${prefix}-${i}`);
  for (const name of names) {
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  }
  const { items, pages } = await collectPages((page) => client.send(new ListBackupVaultsCommand(page)), 3, 'BackupVaultList');
  assert.ok(pages >= 2, `MaxResults=3 over at least 4 vaults needs at least 2 pages, took ${pages}`);
  const listedNames = items.map((v) => v.BackupVaultName);
  assert.equal(new Set(listedNames).size, listedNames.length, 'no vault is listed twice across pages');
  for (const name of names) {
    assert.ok(listedNames.includes(name), `${name} is listed`);
  }
  const filtered = await collectPages((page) => client.send(new ListBackupVaultsCommand({ ...page, ByVaultType: 'BACKUP_VAULT' })), 1000, 'BackupVaultList');
  for (const name of names) {
    assert.ok(filtered.items.some((v) => v.BackupVaultName === name), `${name} is a BACKUP_VAULT`);
  }
});

test('vault errors', async () => {
  const name = uniqueName('vault-dup');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  await expectError(client.send(new CreateBackupVaultCommand({ BackupVaultName: name })), 'AlreadyExistsException');

  const unknown = uniqueName('vault-unknown');
  await expectError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteBackupVaultCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');

  // ^[a-zA-Z0-9\-\_]{2,50}$: no dots, at least 2 and at most 50 characters.
  for (const bad of ['a', 'has.dot', 'x'.repeat(51), 'spaces not allowed']) {
    await expectError(client.send(new CreateBackupVaultCommand({ BackupVaultName: bad })), 'InvalidParameterValueException');
  }
  const { items } = await collectPages((page) => client.send(new ListBackupVaultsCommand(page)), 1000, 'BackupVaultList');
  assert.ok(!items.some((v) => v.BackupVaultName === 'has.dot'), 'refused creates leave no vault behind');
  // The bounds themselves are valid: 2 and 50 characters, '-' and '_' allowed.
  for (const good of [`v${uniqueName('').slice(-1)}`, `${uniqueName('b_')}`.padEnd(50, 'x')]) {
    const created = await client.send(new CreateBackupVaultCommand({ BackupVaultName: good }));
    assert.equal(created.BackupVaultName, good);
    await client.send(new DeleteBackupVaultCommand({ BackupVaultName: good }));
    await expectError(client.send(new ListTagsCommand({ ResourceArn: created.BackupVaultArn })), 'ResourceNotFoundException');
  }
  await expectError(client.send(new ListBackupVaultsCommand({ MaxResults: 0 })), 'InvalidParameterValueException');
});
