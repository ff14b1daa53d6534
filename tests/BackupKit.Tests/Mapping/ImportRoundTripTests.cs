using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BackupKit.Mapping;
using BackupKit.Wire;
using W = BackupKit.Wire;

namespace BackupKit.Tests.Mapping;

/// <summary>
/// Import never rewrites. Driven by the service model itself: every member of every shape reachable from a selection,
/// a rule, a plan, a vault lock and restore testing is set, one at a time (each enum to each of its values and to a
/// value AWS may add later), taken wire -> model -> wire, and must come back equal or be refused by a
/// <see cref="NotSupportedException"/> that names it. A member added to the model later is covered without editing
/// this test, and fails it until the mapping holds it or refuses it.
/// </summary>
public sealed class ImportRoundTripTests
{
    private const string Role = "arn:aws:iam::111122223333:role/BackupRole";

    // Members that BackupKit's model deliberately cannot hold yet: import must refuse them by name.
    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal)
    {
        "BackupPlanInput.ScanSettings",
        "BackupRuleInput.ScanActions",
    };

    // Members whose model reading is defined by AWS's own equivalence, not a rewrite: AWS treats false and absent alike.
    private static readonly HashSet<string> FalseIsAbsent = new(StringComparer.Ordinal)
    {
        "BackupRuleInput.EnableContinuousBackup",
        "Lifecycle.OptInToArchiveForSupportedResources",
    };

    private static readonly ServiceShapes Model = ServiceShapes.Load();

    private static readonly string[] RootNames = ["BackupSelection", "BackupPlanInput", "RestoreTestingSelectionForCreate", "CreateRestoreTestingPlanInput", "PutBackupVaultLockConfigurationInput", "PutBackupVaultNotificationsInput"];

    public static TheoryData<string> Roots => new(RootNames);

    [Theory]
    [MemberData(nameof(Roots))]
    public void Every_member_round_trips_or_is_refused_by_name(string root)
    {
        var cases = Model.Variations(root).ToList();
        Assert.NotEmpty(cases);
        var failures = new List<string>();
        foreach (var (path, wire) in cases)
        {
            var expected = Json(wire);
            object back;
            try
            {
                back = RoundTrip(root, wire);
            }
            catch (NotSupportedException e)
            {
                // The refused member is the deepest one on the path that import refuses, else the member set.
                var members = path.Split(" = ")[0].Split('/')[1..];
                var refused = members.LastOrDefault(Refused.Contains) ?? members[^1];
                if (!e.Message.Contains(refused, StringComparison.Ordinal) && !e.Message.Contains(refused.Split('.')[^1], StringComparison.Ordinal))
                {
                    failures.Add($"{path}: refused without naming {refused}: {e.Message}");
                }
                else if (!e.Message.Contains("import stops", StringComparison.Ordinal))
                {
                    failures.Add($"{path}: refused with an unclear message: {e.Message}");
                }

                continue;
            }

            if (path.Split(" = ")[0].Split('/').Any(Refused.Contains))
            {
                failures.Add($"{path}: a member BackupKit cannot hold was imported instead of refused");
                continue;
            }

            var actual = Json(back);
            if (!JsonNode.DeepEquals(expected, actual))
            {
                failures.Add($"{path}: sent {expected.ToJsonString()}, came back {actual.ToJsonString()}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} variations of {root} changed on import:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void The_variations_cover_every_member_of_every_reachable_shape()
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in RootNames)
        {
            covered.UnionWith(Model.Variations(root).SelectMany(v => v.Path.Split(" = ")[0].Split('/')[1..]));
        }

        foreach (var shape in new[] { "BackupSelection", "Condition", "Conditions", "ConditionParameter", "BackupPlanInput", "BackupRuleInput", "Lifecycle", "CopyAction", "IndexAction", "AdvancedBackupSetting", "RestoreTestingPlanForCreate", "RestoreTestingRecoveryPointSelection", "RestoreTestingSelectionForCreate", "ProtectedResourceConditions", "KeyValue" })
        {
            foreach (var member in Model.Members(shape).Where(m => !ServiceShapes.Ignored(shape, m)))
            {
                Assert.Contains($"{shape}.{member}", covered);
            }
        }
    }

    [Fact]
    public void Every_member_of_a_described_vault_is_read_into_the_model_or_named_as_service_state()
    {
        // Read into the model (and compared by drift detection), or state AWS keeps that a posture does not declare.
        string[] posture = ["BackupVaultName", "EncryptionKeyArn", "EncryptionKeyType", "VaultType", "Locked", "MinRetentionDays", "MaxRetentionDays", "LockDate"];
        string[] state = ["BackupVaultArn", "VaultState", "CreationDate", "CreatorRequestId", "NumberOfRecoveryPoints", "SourceBackupVaultArn", "MpaApprovalTeamArn", "MpaSessionArn", "LatestMpaApprovalTeamUpdate"];
        Assert.Equal(Model.Members("DescribeBackupVaultOutput").Order(StringComparer.Ordinal), posture.Concat(state).Order(StringComparer.Ordinal));

        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var described = new DescribeBackupVaultOutput
        {
            BackupVaultName = "primary",
            EncryptionKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            EncryptionKeyType = EncryptionKeyType.CUSTOMER_MANAGED_KMS_KEY,
            VaultType = VaultType.BACKUP_VAULT,
            Locked = true,
            MinRetentionDays = 7,
            MaxRetentionDays = 3650,
            LockDate = now.AddDays(3),
        };
        var vault = PostureMapping.ToModel(described, null, null, null, now);
        var lockInput = PostureMapping.ToPutLockInput(vault.Name, vault.Lock!);

        Assert.Equal(described.EncryptionKeyArn, PostureMapping.ToCreateBackupVaultInput(vault).EncryptionKeyArn);
        Assert.Equal((7L, 3650L, 3L), (lockInput.MinRetentionDays, lockInput.MaxRetentionDays, lockInput.ChangeableForDays));
    }

    [Theory]
    [InlineData("BackupSelection", """{"SelectionName":"s","IamRoleArn":"arn:aws:iam::111122223333:role/BackupRole","FutureMember":1}""", "BackupSelection.FutureMember")]
    [InlineData("BackupSelection", """{"SelectionName":"s","IamRoleArn":"arn:aws:iam::111122223333:role/BackupRole","Conditions":{"StringRegex":[{"ConditionKey":"aws:ResourceTag/a","ConditionValue":"b"}]}}""", "Conditions.StringRegex")]
    [InlineData("RestoreTestingSelectionForGet", """{"RestoreTestingSelectionName":"s","RestoreTestingPlanName":"p","ProtectedResourceType":"EBS","IamRoleArn":"arn:aws:iam::111122223333:role/BackupRole","ProtectedResourceConditions":{"StringLike":[{"Key":"aws:ResourceTag/env","Value":"prod*"}]}}""", "ProtectedResourceConditions.StringLike")]
    [InlineData("RestoreTestingPlanForGet", """{"RestoreTestingPlanName":"p","ScheduleExpression":"cron(0 1 ? * * *)","RecoveryPointSelection":{"Algorithm":"LATEST_WITHIN_WINDOW","IncludeVaults":["*"],"RecoveryPointTypes":["SNAPSHOT"],"Filter":"x"}}""", "RestoreTestingRecoveryPointSelection.Filter")]
    [InlineData("BackupRule", """{"RuleName":"r","TargetBackupVaultName":"v","Lifecycle":{"DeleteAfterDays":35,"DeleteAfterMonths":1}}""", "Lifecycle.DeleteAfterMonths")]
    [InlineData("BackupRule", """{"RuleName":"r","TargetBackupVaultName":"v","CopyActions":[{"DestinationBackupVaultArn":"arn:aws:backup:us-west-2:111122223333:backup-vault:dr","CopyTags":true}]}""", "CopyAction.CopyTags")]
    public void A_member_this_version_does_not_know_stops_the_import_by_name(string shape, string json, string member)
    {
        var wire = Read(shape, json);
        var error = Assert.Throws<NotSupportedException>(() => ImportShape(shape, wire));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
        Assert.Contains("import stops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_members_alone_record_no_unknown_member()
    {
        var wire = (W.BackupSelection)Read("BackupSelection", """{"SelectionName":"s","IamRoleArn":"arn:aws:iam::111122223333:role/BackupRole","Resources":["*"]}""");
        Assert.Null(wire.UnknownMembers);
        Assert.Equal(["*"], PostureMapping.ToModel(wire).Resources);
    }

    // ------------------------------------------------------------------ round trips per root shape

    private static object RoundTrip(string root, object wire) => root switch
    {
        "BackupSelection" => PostureMapping.ToWire(PostureMapping.ToModel((W.BackupSelection)wire), ((W.BackupSelection)wire).IamRoleArn!),
        "BackupPlanInput" => PostureMapping.ToBackupPlanInput(PostureMapping.ToModel((BackupPlanInput)wire)),
        "RestoreTestingSelectionForCreate" => RestoreTestingMapping.ToWire(RestoreTestingMapping.ToModel((RestoreTestingSelectionForCreate)wire), ((RestoreTestingSelectionForCreate)wire).IamRoleArn!),
        "CreateRestoreTestingPlanInput" => RestoreTestingMapping.ToCreateRestoreTestingPlanInput(RestoreTestingMapping.ToModel((CreateRestoreTestingPlanInput)wire), ((CreateRestoreTestingPlanInput)wire).CreatorRequestId),
        "PutBackupVaultLockConfigurationInput" => PostureMapping.ToPutLockInput(((PutBackupVaultLockConfigurationInput)wire).BackupVaultName!, PostureMapping.ToModel((PutBackupVaultLockConfigurationInput)wire)),
        "PutBackupVaultNotificationsInput" => PostureMapping.ToPutNotificationsInput(((PutBackupVaultNotificationsInput)wire).BackupVaultName!, PostureMapping.ToModel((PutBackupVaultNotificationsInput)wire)),
        _ => throw new ArgumentOutOfRangeException(nameof(root), root, "no round trip for this shape"),
    };

    private static object ImportShape(string shape, object wire) => shape switch
    {
        "BackupSelection" => PostureMapping.ToModel((W.BackupSelection)wire),
        "RestoreTestingSelectionForGet" => RestoreTestingMapping.ToModel((RestoreTestingSelectionForGet)wire),
        "RestoreTestingPlanForGet" => RestoreTestingMapping.ToModel((RestoreTestingPlanForGet)wire),
        "BackupRule" => PostureMapping.ToModel(new GetBackupPlanOutput { BackupPlan = new W.BackupPlan { BackupPlanName = "p", Rules = [(W.BackupRule)wire] } }),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "no import for this shape"),
    };

    private static object Read(string shape, string json)
    {
        var r = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        r.Read();
        return shape switch
        {
            "BackupSelection" => WireJson.ReadBackupSelection(ref r),
            "RestoreTestingSelectionForGet" => WireJson.ReadRestoreTestingSelectionForGet(ref r),
            "RestoreTestingPlanForGet" => WireJson.ReadRestoreTestingPlanForGet(ref r),
            "BackupRule" => WireJson.ReadBackupRule(ref r),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "no reader for this shape"),
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static JsonNode Json(object wire) => Normalise(JsonSerializer.SerializeToNode(wire, wire.GetType(), JsonOptions)!)!;

    // AWS treats an empty list or map as absent, and the model keeps no difference between them.
    private static JsonNode? Normalise(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    var n = Normalise(value);
                    if (n is null || n is JsonArray { Count: 0 } || (n is JsonObject { Count: 0 } && key != "Value") || key is "IsKnown" or "UnknownMembers")
                    {
                        o.Remove(key);
                    }
                }

                return o;
            case JsonArray a:
                foreach (var item in a)
                {
                    Normalise(item);
                }

                return a;
            default:
                return node;
        }
    }

    /// <summary>The service model's structures, and wire objects built from them by reflection.</summary>
    private sealed class ServiceShapes
    {
        private readonly JsonObject _shapes;

        private ServiceShapes(JsonObject shapes) => _shapes = shapes;

        public static ServiceShapes Load()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupKit.sln")))
            {
                directory = directory.Parent;
            }

            var file = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("BackupKit.sln not found"), "model", "backup-2018-11-15.service.json");
            return new ServiceShapes((JsonObject)JsonNode.Parse(File.ReadAllText(file))!["shapes"]!);
        }

        public IEnumerable<string> Members(string shape) => ((JsonObject)_shapes[shape]!["members"]!).Select(m => m.Key);

        /// <summary>Every way of setting one member under <paramref name="root"/>: its path and the wire object.</summary>
        public IEnumerable<(string Path, object Wire)> Variations(string root) => VariationsOf(root, root, []);

        private IEnumerable<(string Path, object Wire)> VariationsOf(string shape, string path, HashSet<string> visiting)
        {
            if (!visiting.Add(shape))
            {
                yield break;
            }

            foreach (var member in Members(shape))
            {
                if (Ignored(shape, member))
                {
                    continue;
                }

                var memberPath = $"{path}/{shape}.{member}";
                var target = (string)_shapes[shape]!["members"]![member]!["shape"]!;
                var kind = (string)_shapes[target]!["type"]!;
                var element = kind == "list" ? (string)_shapes[target]!["member"]!["shape"]! : null;

                if (kind == "structure" || (element is not null && (string)_shapes[element]!["type"]! == "structure"))
                {
                    var nested = element ?? target;
                    foreach (var (p, value) in VariationsOf(nested, memberPath, visiting))
                    {
                        var o = Minimal(shape);
                        Set(o, member, element is null ? value : List(value));
                        yield return (p, o);
                    }

                    continue;
                }

                foreach (var (text, value) in Values(shape, member, target))
                {
                    if (value is bool { } flag && !flag)
                    {
                        continue;
                    }

                    var o = Minimal(shape);
                    Set(o, member, value);
                    yield return ($"{memberPath} = {text}", o);
                }
            }

            visiting.Remove(shape);
        }

        // Idempotency tokens are not posture; DeleteAfterEvent is output only (AWS sets it and refuses it as input).
        public static bool Ignored(string shape, string member) => member == "CreatorRequestId" || (shape, member) == ("Lifecycle", "DeleteAfterEvent");

        /// <summary>The shape with the members AWS needs for it to mean anything.</summary>
        public object Minimal(string shape)
        {
            var o = Activator.CreateInstance(WireType(shape))!;
            var required = ((JsonArray?)_shapes[shape]!["required"])?.Select(n => (string)n!).ToHashSet() ?? [];
            required.UnionWith(shape switch
            {
                "ConditionParameter" => ["ConditionKey", "ConditionValue"],
                "AdvancedBackupSetting" => ["ResourceType", "BackupOptions"],
                "IndexAction" => ["ResourceTypes"],
                "RestoreTestingRecoveryPointSelection" => ["Algorithm", "IncludeVaults", "RecoveryPointTypes"],
                "ScanAction" => ["MalwareScanner", "ScanMode"],
                _ => [],
            });
            foreach (var member in required)
            {
                var target = (string)_shapes[shape]!["members"]![member]!["shape"]!;
                var kind = (string)_shapes[target]!["type"]!;
                var element = kind == "list" ? (string)_shapes[target]!["member"]!["shape"]! : null;
                object value = kind == "structure" ? Minimal(target)
                    : element is not null && (string)_shapes[element]!["type"]! == "structure" ? List(Minimal(element))
                    : Values(shape, member, target).First().Value;
                Set(o, member, value);
            }

            return o;
        }

        private IEnumerable<(string Text, object Value)> Values(string shape, string member, string target)
        {
            var node = _shapes[target]!;
            var kind = (string)node["type"]!;
            switch (kind)
            {
                case "string" when node["enum"] is JsonArray values:
                    var type = WireType(target);
                    foreach (var v in values.Select(v => (string)v!))
                    {
                        yield return (v, Activator.CreateInstance(type, v)!);
                    }

                    // A value AWS may add later: imported as it is, or refused by name, never rewritten.
                    yield return ("FUTURE_VALUE", Activator.CreateInstance(type, "FUTURE_VALUE")!);

                    break;
                case "string":
                    foreach (var s in Strings(shape, member))
                    {
                        yield return (s, s);
                    }

                    break;
                case "integer":
                    yield return ("7", (int?)Integer(member));
                    break;
                case "long":
                    yield return (Integer(member).ToString(System.Globalization.CultureInfo.InvariantCulture), (long?)Integer(member));
                    break;
                case "boolean":
                    yield return ("true", (bool?)true);
                    if (!FalseIsAbsent.Contains($"{shape}.{member}"))
                    {
                        yield return ("false", (bool?)false);
                    }

                    break;
                case "list":
                    var element = (string)node["member"]!["shape"]!;
                    foreach (var (text, value) in Values(shape, member, element))
                    {
                        yield return ($"[{text}]", ListOf(WireElementType(shape, member), value));
                    }

                    break;
                case "map":
                    yield return ("{k: v}", new Dictionary<string, string> { [MapKey(member)] = MapValue(member) });
                    break;
                default:
                    throw new NotSupportedException($"{shape}.{member}: no sample value for a {kind}");
            }
        }

        private static IEnumerable<string> Strings(string shape, string member) => (shape, member) switch
        {
            (_, "IamRoleArn" or "ScannerRoleArn") => [Role, "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"],
            ("ConditionParameter", "ConditionKey") => ["aws:ResourceTag/backup", "backup"],
            ("Condition", "ConditionKey") => ["backup", "aws:ResourceTag/backup"],
            (_, "ConditionValue" or "Value") => ["daily", "prod*"],
            ("KeyValue", "Key") => ["aws:ResourceTag/env", "env"],
            (_, "ScheduleExpression") => ["cron(0 5 ? * * *)", "rate(12 hours)"],
            (_, "ScheduleExpressionTimezone") => ["Europe/Paris", "Etc/UTC"],
            (_, "TargetLogicallyAirGappedBackupVaultArn") => ["arn:aws:backup:us-east-1:111122223333:backup-vault:airgapped"],
            (_, "DestinationBackupVaultArn") => ["arn:aws:backup:us-west-2:111122223333:backup-vault:dr"],
            (_, "Resources" or "NotResources" or "ProtectedResourceArns") => ["arn:aws:dynamodb:us-east-1:111122223333:table/orders", "*"],
            (_, "IncludeVaults" or "ExcludeVaults") => ["*", "arn:aws:backup:us-east-1:111122223333:backup-vault:primary"],
            (_, "ResourceType" or "ProtectedResourceType" or "ResourceTypes") => ["EBS", "DynamoDB"],
            (_, "SNSTopicArn") => ["arn:aws:sns:us-east-1:111122223333:alerts"],
            (_, "BackupVaultEvents") => ["BACKUP_JOB_FAILED"],
            _ => ["name-1"],
        };

        private static long Integer(string member) => member switch
        {
            "StartWindowMinutes" => 60,
            "CompletionWindowMinutes" => 180,
            "MoveToColdStorageAfterDays" => 30,
            "DeleteAfterDays" => 365,
            "MinRetentionDays" => 7,
            "MaxRetentionDays" => 3650,
            "ChangeableForDays" => 3,
            "StartWindowHours" => 2,
            "SelectionWindowDays" => 14,
            "ValidationWindowHours" => 4,
            _ => 7,
        };

        private static string MapKey(string member) => member switch
        {
            "BackupOptions" => "WindowsVSS",
            "RestoreMetadataOverrides" => "encrypted",
            _ => "team",
        };

        private static string MapValue(string member) => member switch
        {
            "BackupOptions" => "enabled",
            "RestoreMetadataOverrides" => "true",
            _ => "platform",
        };

        private static Type WireType(string shape) =>
            typeof(BackupClient).Assembly.GetType("BackupKit.Wire." + shape) ?? throw new InvalidOperationException($"no generated type for shape {shape}");

        private static Type WireElementType(string shape, string member) =>
            WireType(shape).GetProperty(member)!.PropertyType.GetGenericArguments()[0];

        private static IList ListOf(Type elementType, object value)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            list.Add(value);
            return list;
        }

        private static object List(object value) => ListOf(value.GetType(), value);

        private static void Set(object o, string member, object value)
        {
            var property = o.GetType().GetProperty(member) ?? throw new InvalidOperationException($"{o.GetType().Name} has no property {member}");
            property.SetValue(o, value);
        }
    }
}
