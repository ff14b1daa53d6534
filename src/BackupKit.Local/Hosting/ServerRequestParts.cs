namespace BackupKit.Local.Hosting;

/// <summary>The decoded path labels of a matched request and its raw body.</summary>
internal readonly record struct ServerRequestParts(string[] LabelNames, string[] LabelValues, ReadOnlyMemory<byte> Body);
