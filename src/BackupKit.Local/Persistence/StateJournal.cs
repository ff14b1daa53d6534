using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace BackupKit.Local.Persistence;

/// <summary>
/// An append-only journal file: an 8-byte magic, then records of <c>[length: 4 bytes LE][checksum: first 4 bytes of the
/// SHA-256 of the payload][payload: UTF-8 JSON]</c>. Every append is flushed to disk (fsync) before it returns. A torn last
/// record (the process was killed while writing it) fails its length or checksum and is cut off when the journal is
/// opened; a bad record followed by more data is corruption, which stops the emulator instead of losing what follows.
/// </summary>
internal sealed class StateJournal : IDisposable
{
    public const string FileName = "journal.bkj";
    private const int HeaderBytes = 8;
    private const int MaxRecordBytes = 16 * 1024 * 1024;
    private static readonly byte[] Magic = "BKJRNL01"u8.ToArray();

    private readonly FileStream _file;

    private StateJournal(FileStream file, string path, List<JournalRecord> records, long droppedBytes)
    {
        _file = file;
        FilePath = path;
        Records = records;
        DroppedTornBytes = droppedBytes;
    }

    /// <summary>The journal file.</summary>
    public string FilePath { get; }

    /// <summary>The records read when the journal was opened (the first is the <c>init</c> record).</summary>
    public IReadOnlyList<JournalRecord> Records { get; }

    /// <summary>The bytes of a torn last record cut off when the journal was opened (0 when the file ended cleanly).</summary>
    public long DroppedTornBytes { get; }

    /// <summary>The id seed the <c>init</c> record carries.</summary>
    public byte[] IdSeed => Convert.FromHexString(Records[0].Seed!);

    /// <summary>Opens (or creates) the journal in a directory and reads every whole record.</summary>
    /// <exception cref="InvalidDataException">The file is not a journal, or a record in its middle is damaged.</exception>
    public static StateJournal Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        try
        {
            var records = new List<JournalRecord>();
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            long dropped = 0;
            if (bytes.Length < HeaderBytes)
            {
                // Empty, or killed while the header was written: nothing was ever acknowledged.
                if (!Magic.AsSpan(0, bytes.Length).SequenceEqual(bytes))
                {
                    throw new InvalidDataException($"{path} is not a BackupKit.Local journal; point --state-dir at a new or empty directory.");
                }

                file.SetLength(0);
                file.Write(Magic);
                var init = JournalRecord.Init(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
                WriteRecord(file, init);
                file.Flush(flushToDisk: true);
                records.Add(init);
                return new StateJournal(file, path, records, bytes.Length);
            }

            if (!bytes.AsSpan(0, HeaderBytes).SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{path} is not a BackupKit.Local journal; point --state-dir at a new or empty directory.");
            }

            var position = HeaderBytes;
            while (position < bytes.Length)
            {
                var remaining = bytes.Length - position;
                var length = remaining >= 8 ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position)) : -1;
                if (remaining < 8 || length < 0 || length > MaxRecordBytes || length > remaining - 8)
                {
                    // Cut short: the write of this record never finished.
                    dropped = remaining;
                    break;
                }

                var payload = bytes.AsSpan(position + 8, length);
                if (!Checksum(payload).SequenceEqual(bytes.AsSpan(position + 4, 4)))
                {
                    if (position + 8 + length == bytes.Length)
                    {
                        dropped = remaining;
                        break;
                    }

                    throw new InvalidDataException(
                        $"{path} is damaged at byte {position}: a record in the middle of the journal fails its checksum. The emulator does not start rather than drop the records after it; move the directory away to start empty.");
                }

                records.Add(JsonSerializer.Deserialize(payload, JournalJson.Default.JournalRecord)
                    ?? throw new InvalidDataException($"{path} has an empty record at byte {position}."));
                position += 8 + length;
            }

            if (records.Count == 0 || records[0].Kind != JournalRecord.InitKind)
            {
                throw new InvalidDataException($"{path} does not start with its init record; move the directory away to start empty.");
            }

            if (dropped > 0)
            {
                file.SetLength(position);
                file.Flush(flushToDisk: true);
            }

            file.Seek(0, SeekOrigin.End);
            return new StateJournal(file, path, records, dropped);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends a record and flushes it to disk before returning. Callers serialize appends.</summary>
    public void Append(JournalRecord record)
    {
        WriteRecord(_file, record);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();

    private static void WriteRecord(FileStream file, JournalRecord record)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(record, JournalJson.Default.JournalRecord);
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        Checksum(payload).CopyTo(frame.AsSpan(4));
        payload.CopyTo(frame.AsSpan(8));

        // One write per record, so that a kill leaves at most a prefix of it.
        file.Write(frame);
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload) => SHA256.HashData(payload)[..4];
}
