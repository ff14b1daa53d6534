// Vault access policy: put, get, replace, delete, and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupVaultCommand, DeleteBackupVaultAccessPolicyCommand, GetBackupVaultAccessPolicyCommand, PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import { accountId, arn, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const client = await newClient();

function denyDeletionPolicy(vaultName, actions) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: actions,
      Resource: arn.vault(vaultName),
    }],
  });
}

test('put, get, replace and delete the access policy', async () => {
  const vault = uniqueName('policy');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');

  const policy = denyDeletionPolicy(vault, ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle']);
  const put = await client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: vault, Policy: policy }));
  assert.equal(put.$metadata.httpStatusCode, 200);

  const got = await client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault }));
  assert.equal(got.BackupVaultName, vault);
  assert.equal(got.BackupVaultArn, arn.vault(vault));
  assert.deepEqual(JSON.parse(got.Policy), JSON.parse(policy));

  const replacement = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }],
  });
  await client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: vault, Policy: replacement }));
  const replaced = await client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault }));
  assert.deepEqual(JSON.parse(replaced.Policy), JSON.parse(replacement), 'a second put replaces the policy');

  const deleted = await client.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: vault }));
  assert.equal(deleted.$metadata.httpStatusCode, 200);
  await expectError(client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');
});

test('access policy errors', async () => {
  const unknown = uniqueName('policy-unknown');
  const policy = denyDeletionPolicy(unknown, ['backup:DeleteRecoveryPoint']);
  await expectError(client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: unknown, Policy: policy })), 'ResourceNotFoundException');
  await expectError(client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');

  const vault = uniqueName('policy-bad');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: vault, Policy: '{ this is not json' })), 'InvalidParameterValueException');
  await expectError(client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');
});
