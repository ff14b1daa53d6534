namespace BackupKit.Local;

/// <summary>
/// A resource the emulator protects, as AWS Backup sees it: its ARN in AWS's form, the AWS Backup resource type
/// (<c>DynamoDB</c>, <c>RDS</c>, <c>Aurora</c>, <c>EBS</c>, <c>EC2</c>, <c>EFS</c>, <c>FSx</c>, <c>S3</c>), the account
/// and Region it lives in, its tags, its size and a fingerprint of its data. Immutable: changes through
/// <see cref="EmulatedInventory"/> replace the record.
/// </summary>
/// <param name="Arn">The resource ARN, for example <c>arn:aws:dynamodb:us-east-1:111122223333:table/orders</c>.</param>
/// <param name="ResourceType">The AWS Backup resource type name.</param>
/// <param name="AccountId">The 12-digit account that owns the resource.</param>
/// <param name="Region">The Region the resource is in.</param>
/// <param name="Tags">The resource's tags (case-sensitive keys).</param>
/// <param name="SizeInBytes">The size a backup of the resource has; backup and restore durations grow with it.</param>
/// <param name="Content">The fingerprint of the data: a backup copies it into the recovery point, a restore into the restored resource.</param>
/// <param name="RestoredFromRecoveryPointArn">The recovery point a restore created this resource from; null for other resources.</param>
public sealed record EmulatedResource(
    string Arn,
    string ResourceType,
    string AccountId,
    string Region,
    IReadOnlyDictionary<string, string> Tags,
    long SizeInBytes,
    ResourceContent Content,
    string? RestoredFromRecoveryPointArn)
{
    /// <summary>The name AWS Backup reports for the resource (table name, DB identifier, volume id, bucket name, ...).</summary>
    public string ResourceName => Inventory.ResourceArns.NameOf(Arn);
}

/// <summary>
/// A fingerprint of a resource's data, which a validator compares: how many items (rows, objects, files) it holds and a
/// checksum over them. A backup copies it into its recovery point; a restore into the restored resource, unless a
/// restore fault corrupts it.
/// </summary>
/// <param name="ItemCount">How many items the data holds.</param>
/// <param name="Checksum">A checksum of the data; any change to the data gives another checksum.</param>
public sealed record ResourceContent(long ItemCount, string Checksum);
