using System.Security.Cryptography;

namespace BackupKit.Wire;

/// <summary>
/// Random (version 4) UUIDs for <c>amz-sdk-invocation-id</c>, as the AWS SDKs send. The random bytes are drawn from the
/// system's secure generator in blocks per thread, which costs a fraction of one <see cref="Guid.NewGuid"/> per id.
/// </summary>
internal static class InvocationIds
{
    private const int IdsPerBlock = 32;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A new random UUID in its 36-character lower-case form.</summary>
    public static string Next()
    {
        var block = t_block ??= new byte[16 * IdsPerBlock];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(block);
        }

        Span<byte> bytes = stackalloc byte[16];
        block.AsSpan(t_next * 16, 16).CopyTo(bytes);
        t_next = (t_next + 1) % IdsPerBlock;

        // RFC 9562 version 4 and variant bits, in Guid's little-endian layout of the time_hi field (bytes 6-7).
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
