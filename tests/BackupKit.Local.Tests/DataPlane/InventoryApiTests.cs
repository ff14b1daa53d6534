using BackupKit.Local.Admin;
using BackupKit.Local.Cli;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class InventoryApiTests : DataPlaneTest
{
    [Fact]
    public void Resources_of_every_modeled_type_take_their_account_and_Region_from_the_ARN()
    {
        string[] arns =
        [
            "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
            "arn:aws:rds:eu-west-1:111122223333:db:billing",
            "arn:aws:rds:eu-west-1:111122223333:cluster:ledger",
            "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
            "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0",
            "arn:aws:fsx:us-east-1:111122223333:file-system/fs-0123456789abcdef0",
        ];

        var added = arns.Select(a => Emulator.Inventory.Add(a)).ToList();
        var bucket = Emulator.Inventory.Add("arn:aws:s3:::logs-bucket", accountId: "111122223333", region: "eu-west-1");

        Assert.Equal(["DynamoDB", "RDS", "Aurora", "EBS", "EC2", "EFS", "FSx"], added.Select(r => r.ResourceType));
        Assert.All(added, r => Assert.Equal("111122223333", r.AccountId));
        Assert.Equal("eu-west-1", added[1].Region);
        Assert.Equal(("S3", "111122223333", "eu-west-1"), (bucket.ResourceType, bucket.AccountId, bucket.Region));
        Assert.Equal(1L << 30, bucket.SizeInBytes);
        Assert.Equal(3, Emulator.Inventory.List(region: "eu-west-1").Count);
        Assert.Equal(8, Emulator.Inventory.List(accountId: "111122223333").Count);
        Assert.Equal("us-east-1", Emulator.Inventory.Add("arn:aws:s3:::default-bucket").Region);
        Assert.Equal(Account, Emulator.Inventory.Find("arn:aws:s3:::default-bucket")!.AccountId);
    }

    [Fact]
    public void Wrong_ARNs_and_missing_resources_are_refused_with_a_reason()
    {
        var wrongType = Assert.Throws<ArgumentException>(() => Emulator.Inventory.Add("arn:aws:sqs:us-east-1:000000000000:queue"));
        var noAccount = Assert.Throws<ArgumentException>(() => Emulator.Inventory.Add("arn:aws:dynamodb:us-east-1::table/orders"));
        var contradicted = Assert.Throws<ArgumentException>(() => Emulator.Inventory.Add(Table("orders"), accountId: "111122223333"));
        var missing = Assert.Throws<KeyNotFoundException>(() => Emulator.Inventory.Tag(Table("missing"), "k", "v"));

        Assert.Contains("models", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("12-digit", noAccount.Message, StringComparison.Ordinal);
        Assert.Contains("000000000000", contradicted.Message, StringComparison.Ordinal);
        Assert.Contains("Inventory.Add", missing.Message, StringComparison.Ordinal);
        Assert.False(Emulator.Inventory.Remove(Table("missing")));
    }

    [Fact]
    public void Tags_and_content_change_and_the_default_content_is_stable()
    {
        var first = Emulator.Inventory.Add(Table("orders"));
        var tagged = Emulator.Inventory.Tag(first.Arn, "backup", "daily");
        var changed = Emulator.Inventory.Change(first.Arn, new ResourceContent(2, "two"), sizeInBytes: 10);
        var again = Emulator.Inventory.Add(Table("other"));

        Assert.Equal(1000, first.Content.ItemCount);
        Assert.NotEqual(first.Content.Checksum, again.Content.Checksum);
        Assert.Equal("daily", tagged.Tags["backup"]);
        Assert.Equal(("two", 10L, "daily"), (changed.Content.Checksum, changed.SizeInBytes, changed.Tags["backup"]));
        Assert.Equal(changed, Emulator.Inventory.Find(first.Arn));
        Assert.Null(changed.RestoredFromRecoveryPointArn);
    }

    [Fact]
    public void A_seed_file_loads_resources_and_the_command_line_takes_it()
    {
        var json = """
            {
              "resources": [
                { "arn": "arn:aws:dynamodb:us-east-1:000000000000:table/seeded", "tags": { "backup": "daily" }, "sizeInBytes": 5368709120,
                  "content": { "itemCount": 12, "checksum": "seed" } },
                { "arn": "arn:aws:s3:::seeded-bucket", "region": "eu-west-1" }
              ]
            }
            """;

        var count = SeedFile.Load(Emulator.Inventory, json);
        var parsed = CommandLine.Parse(["--seed", "resources.json"], out var error);
        var bad = Assert.Throws<FormatException>(() => SeedFile.Load(Emulator.Inventory, """{"resources":[{"arn":"arn:aws:nope"}]}"""));

        Assert.Equal(2, count);
        Assert.Equal(new ResourceContent(12, "seed"), Emulator.Inventory.Find(Table("seeded"))!.Content);
        Assert.Equal(5L << 30, Emulator.Inventory.Find(Table("seeded"))!.SizeInBytes);
        Assert.Equal("eu-west-1", Emulator.Inventory.Find("arn:aws:s3:::seeded-bucket")!.Region);
        Assert.Null(error);
        Assert.Equal("resources.json", parsed.SeedFile);
        Assert.Contains("#1", bad.Message, StringComparison.Ordinal);
    }
}
