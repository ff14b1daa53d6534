using System.Text.Json.Serialization;

namespace BackupKit.Local.Operations;

/// <summary>Source-generated JSON for the few values the emulator serializes itself (error contexts).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class ContextJson : JsonSerializerContext;
