// Tags on backup plans and vaults: TagResource, ListTags, UntagResource with the ARN in the path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateBackupPlanCommand, CreateBackupVaultCommand, ListTagsCommand, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-backup';
import { arn, expectError, newClient, uniqueName } from '../lib/harness.mjs';

const client = await newClient();

async function tagRoundTrip(resourceArn, initial) {
  assert.deepEqual((await client.send(new ListTagsCommand({ ResourceArn: resourceArn }))).Tags ?? {}, initial);

  const tagged = await client.send(new TagResourceCommand({
    ResourceArn: resourceArn,
    Tags: { env: 'prod', 'cost-center': '1234', 'aws-backup:note': 'keys with ":" and "/" survive', 'path/like': 'a b+c' },
  }));
  assert.equal(tagged.$metadata.httpStatusCode, 200);
  assert.deepEqual((await client.send(new ListTagsCommand({ ResourceArn: resourceArn }))).Tags, {
    ...initial, env: 'prod', 'cost-center': '1234', 'aws-backup:note': 'keys with ":" and "/" survive', 'path/like': 'a b+c',
  });

  // Tagging an existing key overwrites its value.
  await client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: { env: 'staging' } }));
  assert.equal((await client.send(new ListTagsCommand({ ResourceArn: resourceArn }))).Tags.env, 'staging');

  const untagged = await client.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeyList: ['env', 'path/like', 'never-set'] }));
  assert.equal(untagged.$metadata.httpStatusCode, 200);
  assert.deepEqual((await client.send(new ListTagsCommand({ ResourceArn: resourceArn }))).Tags,
    { ...initial, 'cost-center': '1234', 'aws-backup:note': 'keys with ":" and "/" survive' });

  const paged = await client.send(new ListTagsCommand({ ResourceArn: resourceArn, MaxResults: 1 }));
  assert.equal(Object.keys(paged.Tags).length, 1, 'MaxResults=1 returns one tag');
  assert.ok(paged.NextToken, 'more tags remain, so a NextToken is returned');
  const rest = await client.send(new ListTagsCommand({ ResourceArn: resourceArn, NextToken: paged.NextToken, MaxResults: 1000 }));
  assert.deepEqual({ ...paged.Tags, ...rest.Tags }, { ...initial, 'cost-center': '1234', 'aws-backup:note': 'keys with ":" and "/" survive' });
}

test('tag, list and untag a backup vault', async () => {
  const name = uniqueName('tags-vault');
  const created = await client.send(new CreateBackupVaultCommand({ BackupVaultName: name, BackupVaultTags: { origin: 'create' } }));
  await tagRoundTrip(created.BackupVaultArn, { origin: 'create' });
});

test('tag, list and untag a backup plan', async () => {
  const vault = uniqueName('tags-plan-vault');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const created = await client.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: uniqueName('tags-plan'), Rules: [{ RuleName: 'r', TargetBackupVaultName: vault }] },
    BackupPlanTags: { origin: 'create' },
  }));
  await tagRoundTrip(created.BackupPlanArn, { origin: 'create' });
});

test('tag errors', async () => {
  const missingVault = arn.vault(uniqueName('tags-none'));
  const missingPlan = arn.plan(randomUUID());
  for (const resourceArn of [missingVault, missingPlan]) {
    await expectError(client.send(new ListTagsCommand({ ResourceArn: resourceArn })), 'ResourceNotFoundException');
    await expectError(client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: { a: 'b' } })), 'ResourceNotFoundException');
    await expectError(client.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeyList: ['a'] })), 'ResourceNotFoundException');
  }
  const vault = uniqueName('tags-bad');
  const created = await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  await expectError(client.send(new TagResourceCommand({ ResourceArn: created.BackupVaultArn })), 'MissingParameterValueException');
  await expectError(client.send(new UntagResourceCommand({ ResourceArn: created.BackupVaultArn })), 'MissingParameterValueException');
});
