// Tiering configurations as the AWS Backup API reference describes them: created for a vault (one per vault, plus one
// for all vaults), read, updated, listed, tagged and deleted; S3 is the only resource type tiering supports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateBackupVaultCommand, CreateTieringConfigurationCommand, DeleteTieringConfigurationCommand, GetTieringConfigurationCommand,
  ListTagsCommand, ListTieringConfigurationsCommand, UpdateTieringConfigurationCommand,
} from '@aws-sdk/client-backup';
import { expectError, newClient, uniqueName } from '../lib/harness.mjs';

// Tiering configuration names: letters, digits or '_'.
const tieringName = () => `tiering_${randomBytes(5).toString('hex')}`;

test('a tiering configuration is created, read, updated, listed, tagged and deleted', async () => {
  const client = await newClient();
  const vault = uniqueName('tiering-vault');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const name = tieringName();
  const selection = [{ ResourceType: 'S3', Resources: ['*'], TieringDownSettingsInDays: 60 }];
  const created = await client.send(new CreateTieringConfigurationCommand({
    TieringConfiguration: { TieringConfigurationName: name, BackupVaultName: vault, ResourceSelection: selection },
    TieringConfigurationTags: { team: 'storage' },
  }));
  assert.equal(created.TieringConfigurationName, name);
  assert.match(created.TieringConfigurationArn, /:tiering-configuration:/);
  assert.ok(created.CreationTime instanceof Date);

  await expectError(client.send(new CreateTieringConfigurationCommand({
    TieringConfiguration: { TieringConfigurationName: tieringName(), BackupVaultName: vault, ResourceSelection: selection },
  })), 'AlreadyExistsException');
  await expectError(client.send(new CreateTieringConfigurationCommand({
    TieringConfiguration: { TieringConfigurationName: tieringName(), BackupVaultName: vault, ResourceSelection: [{ ResourceType: 'EBS', Resources: ['*'], TieringDownSettingsInDays: 60 }] },
  })), 'InvalidParameterValueException');

  await client.send(new UpdateTieringConfigurationCommand({
    TieringConfigurationName: name,
    TieringConfiguration: { BackupVaultName: vault, ResourceSelection: [{ ResourceType: 'S3', Resources: ['arn:aws:s3:::invoices'], TieringDownSettingsInDays: 120 }] },
  }));
  const got = (await client.send(new GetTieringConfigurationCommand({ TieringConfigurationName: name }))).TieringConfiguration;
  assert.equal(got.BackupVaultName, vault);
  assert.deepEqual(got.ResourceSelection, [{ ResourceType: 'S3', Resources: ['arn:aws:s3:::invoices'], TieringDownSettingsInDays: 120 }]);
  const listed = (await client.send(new ListTieringConfigurationsCommand({}))).TieringConfigurations;
  assert.ok(listed.some((t) => t.TieringConfigurationName === name && t.BackupVaultName === vault), 'the configuration is listed');
  assert.deepEqual((await client.send(new ListTagsCommand({ ResourceArn: created.TieringConfigurationArn }))).Tags, { team: 'storage' });

  await client.send(new DeleteTieringConfigurationCommand({ TieringConfigurationName: name }));
  await expectError(client.send(new GetTieringConfigurationCommand({ TieringConfigurationName: name })), 'ResourceNotFoundException');
});
