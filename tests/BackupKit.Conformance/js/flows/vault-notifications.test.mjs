// Vault notifications: put, get, replace, delete, and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateBackupVaultCommand, DeleteBackupVaultNotificationsCommand, GetBackupVaultNotificationsCommand, PutBackupVaultNotificationsCommand,
} from '@aws-sdk/client-backup';
import { arn, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const client = await newClient();

test('put, get, replace and delete notifications', async () => {
  const vault = uniqueName('notify');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');

  const topic = arn.snsTopic(uniqueName('backup-events'));
  const events = ['BACKUP_JOB_COMPLETED', 'BACKUP_JOB_FAILED', 'RESTORE_JOB_COMPLETED', 'COPY_JOB_FAILED', 'RECOVERY_POINT_MODIFIED'];
  const put = await client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: vault, SNSTopicArn: topic, BackupVaultEvents: events }));
  assert.equal(put.$metadata.httpStatusCode, 200);

  const got = await client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: vault }));
  assert.equal(got.BackupVaultName, vault);
  assert.equal(got.BackupVaultArn, arn.vault(vault));
  assert.equal(got.SNSTopicArn, topic);
  assert.deepEqual([...got.BackupVaultEvents].sort(), [...events].sort());

  const otherTopic = arn.snsTopic(uniqueName('other'));
  await client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: vault, SNSTopicArn: otherTopic, BackupVaultEvents: ['BACKUP_JOB_EXPIRED'] }));
  const replaced = await client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: vault }));
  assert.equal(replaced.SNSTopicArn, otherTopic, 'a second put replaces the configuration');
  assert.deepEqual(replaced.BackupVaultEvents, ['BACKUP_JOB_EXPIRED']);

  const deleted = await client.send(new DeleteBackupVaultNotificationsCommand({ BackupVaultName: vault }));
  assert.equal(deleted.$metadata.httpStatusCode, 200);
  await expectError(client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');
});

test('notification errors', async () => {
  const unknown = uniqueName('notify-unknown');
  const topic = arn.snsTopic('t');
  await expectError(client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: unknown, SNSTopicArn: topic, BackupVaultEvents: ['BACKUP_JOB_FAILED'] })),
    'ResourceNotFoundException');
  await expectError(client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteBackupVaultNotificationsCommand({ BackupVaultName: unknown })), 'ResourceNotFoundException');

  const vault = uniqueName('notify-bad');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: vault, SNSTopicArn: topic, BackupVaultEvents: ['NOT_AN_EVENT'] })),
    'InvalidParameterValueException');
  await expectError(client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: vault, BackupVaultEvents: ['BACKUP_JOB_FAILED'] })),
    'MissingParameterValueException');
  await expectError(client.send(new PutBackupVaultNotificationsCommand({ BackupVaultName: vault, SNSTopicArn: topic })),
    'MissingParameterValueException');
  await expectError(client.send(new GetBackupVaultNotificationsCommand({ BackupVaultName: vault })), 'ResourceNotFoundException');
});
